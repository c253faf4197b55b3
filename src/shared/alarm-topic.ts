import { Construct } from "constructs";
import { TerraformProvider } from "cdktf";
import { ChatbotSlackChannelConfiguration } from "@cdktf/provider-aws/lib/chatbot-slack-channel-configuration";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Naming } from "../naming";
import { EncryptionKey, denyInsecureTransport } from "./encryption-key";

/** AWS services that publish to the alarm topic: alarms, event rules, backup notifications. */
export const PUBLISHING_SERVICES = [
  "cloudwatch.amazonaws.com",
  "events.amazonaws.com",
  "backup.amazonaws.com",
  "codestar-notifications.amazonaws.com",
] as const;

export interface AlarmTopicProps {
  readonly naming: Naming;
  readonly region: string;
  readonly accountId: string;
  /**
   * Email addresses subscribed to every alarm.
   * @default none
   */
  readonly emails?: string[];
  /**
   * A Slack channel that receives the alarms through AWS Chatbot.
   * @default none
   */
  readonly slack?: { readonly workspaceId: string; readonly channelId: string };
  /**
   * Provider of the topic's region: an alarm notifies only a topic of its own region, so alarms on
   * CloudFront's us-east-1 metrics need a topic there. The Chatbot channel stays on the stack's
   * default provider (Chatbot subscribes to topics of any region).
   * @default the stack's default provider
   */
  readonly provider?: TerraformProvider;
  /**
   * The topic's name part, also its key's purpose and its Chatbot names' part, so that a second
   * topic (`edge-alarms`) names nothing the first one does.
   * @default "alarms"
   */
  readonly part?: string;
}

/**
 * The one place alarms and failure events go: an SNS topic encrypted with its own key, whose key
 * and topic policies let CloudWatch, EventBridge, AWS Backup and CodeStar Notifications of this
 * account publish, with email and Slack subscribers.
 */
export class AlarmTopic extends Construct {
  public readonly topic: SnsTopic;
  public readonly key: EncryptionKey;
  /** Services that check, when set up, that they may publish (CodeStar Notifications) depend on it. */
  public readonly policy: SnsTopicPolicy;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const { naming, provider } = props;
    const part = props.part ?? "alarms";
    const services = [...PUBLISHING_SERVICES];

    this.key = new EncryptionKey(this, "key", {
      naming,
      provider,
      purpose: part,
      accountId: props.accountId,
      // Nothing is lost with this key: alarm messages are transient.
      protect: false,
      serviceStatements: [
        {
          sid: "PublishingServicesEncrypt",
          principals: [{ type: "Service", identifiers: services }],
          actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
          resources: ["*"],
          // Only through SNS: EventBridge's KMS requests carry no aws:SourceAccount to condition on.
          condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`sns.${props.region}.amazonaws.com`] }],
        },
      ],
    });
    this.topic = new SnsTopic(this, "topic", { provider, name: naming.name("snsTopic", part), kmsMasterKeyId: this.key.key.arn });

    const policy = new DataAwsIamPolicyDocument(this, "topic-policy-document", {
      provider,
      statement: [
        {
          sid: "AccountManages",
          principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${props.accountId}:root`] }],
          actions: ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"],
          resources: [this.topic.arn],
        },
        {
          sid: "PublishingServicesPublish",
          principals: [{ type: "Service", identifiers: services }],
          actions: ["sns:Publish"],
          resources: [this.topic.arn],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] }],
        },
        denyInsecureTransport(["sns:Publish"], [this.topic.arn]),
      ],
    });
    this.policy = new SnsTopicPolicy(this, "topic-policy", { provider, arn: this.topic.arn, policy: policy.json });

    (props.emails ?? []).forEach((endpoint, i) => {
      new SnsTopicSubscription(this, `email-${i}`, { provider, topicArn: this.topic.arn, protocol: "email", endpoint });
    });
    // The first topic keeps the names it always had.
    const chatbotPart = part === "alarms" ? "" : `${part}-`;

    if (props.slack) {
      const trust = new DataAwsIamPolicyDocument(this, "chatbot-trust", {
        statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["chatbot.amazonaws.com"] }] }],
      });
      const role = new IamRole(this, "chatbot-role", { name: naming.name("iamRole", `${chatbotPart}chatbot`), assumeRolePolicy: trust.json });
      // Chatbot reads alarm details to render them; it may not change anything.
      new IamRolePolicyAttachment(this, "chatbot-read", { role: role.name, policyArn: "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess" });
      new ChatbotSlackChannelConfiguration(this, "slack", {
        configurationName: naming.name("chatbotName", part),
        iamRoleArn: role.arn,
        slackTeamId: props.slack.workspaceId,
        slackChannelId: props.slack.channelId,
        snsTopicArns: [this.topic.arn],
        guardrailPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        loggingLevel: "ERROR",
      });
    }
  }
}
