import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { Naming } from "../naming";
import { EncryptionKey } from "./encryption-key";

export interface AlertsTopicProps {
  readonly naming: Naming;
  readonly accountId: string;
  /** The part of the topic's name after the environment, e.g. "alerts". */
  readonly name: string;
  /**
   * Service principals that publish to the topic, e.g. backup.amazonaws.com,
   * cloudwatch.amazonaws.com. Each gets SNS:Publish in the topic policy and use of the key.
   */
  readonly publishers: string[];
  /**
   * prevent_destroy on the topic's key.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * An SNS topic for operational alerts, encrypted with its own key. Only the account (to manage and
 * subscribe) and the listed AWS services (to publish, from this account) are let in.
 */
export class AlertsTopic extends Construct {
  public readonly topic: SnsTopic;
  public readonly key: EncryptionKey;

  constructor(scope: Construct, id: string, props: AlertsTopicProps) {
    super(scope, id);
    const { naming, accountId, publishers } = props;

    this.key = new EncryptionKey(this, "key", {
      naming,
      purpose: props.name,
      accountId,
      protect: props.protect,
      serviceStatements: [
        {
          sid: "ServicesPublishEncrypted",
          principals: [{ type: "Service", identifiers: publishers }],
          actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
          resources: ["*"],
        },
      ],
    });
    this.topic = new SnsTopic(this, "topic", { name: naming.name("snsTopic", props.name), kmsMasterKeyId: this.key.key.arn });

    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      statement: [
        {
          sid: "AccountManages",
          principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${accountId}:root`] }],
          actions: [
            "SNS:GetTopicAttributes",
            "SNS:SetTopicAttributes",
            "SNS:AddPermission",
            "SNS:RemovePermission",
            "SNS:DeleteTopic",
            "SNS:Subscribe",
            "SNS:ListSubscriptionsByTopic",
            "SNS:Publish",
          ],
          resources: [this.topic.arn],
        },
        {
          sid: "ServicesPublish",
          principals: [{ type: "Service", identifiers: publishers }],
          actions: ["SNS:Publish"],
          resources: [this.topic.arn],
        },
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["SNS:Publish"],
          resources: [this.topic.arn],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
      ],
    });
    new SnsTopicPolicy(this, "topic-policy", { arn: this.topic.arn, policy: policy.json });
  }
}
