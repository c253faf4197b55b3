import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { AlertsTopic } from "../../src/constructs/alerts-topic";
import { naming, parsed, synth } from "../helpers";

describe("AlertsTopic", () => {
  const json = synth((scope) => {
    new AlertsTopic(scope, "alerts", { naming, accountId: "111111111111", name: "alerts", publishers: ["backup.amazonaws.com", "cloudwatch.amazonaws.com"] });
  });
  const statements = (prefix: string) => (Object.entries<any>(parsed(json).data.aws_iam_policy_document).find(([id]) => id.startsWith(prefix))![1]).statement;
  const publishers = [{ type: "Service", identifiers: ["backup.amazonaws.com", "cloudwatch.amazonaws.com"] }];

  it("is encrypted with its own key", () => {
    expect(json).toHaveResourceWithProperties(SnsTopic, { name: "notes-dev-alerts", kms_master_key_id: "${aws_kms_key.alerts_key_553AF43B.arn}" });
  });

  it("lets the publishing services use the key", () => {
    expect(statements("alerts_key_policy")).toContainEqual({
      sid: "ServicesPublishEncrypted",
      principals: publishers,
      actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
      resources: ["*"],
    });
  });

  it("lets the publishing services publish, in the topic policy", () => {
    expect(statements("alerts_policy")).toContainEqual({
      sid: "ServicesPublish",
      principals: publishers,
      actions: ["SNS:Publish"],
      resources: ["${aws_sns_topic.alerts_topic_3313844B.arn}"],
    });
    expect(json).toHaveResourceWithProperties(SnsTopicPolicy, { arn: "${aws_sns_topic.alerts_topic_3313844B.arn}" });
  });

  it("refuses publishing without TLS", () => {
    expect(statements("alerts_policy")).toContainEqual(
      expect.objectContaining({ sid: "DenyInsecureTransport", effect: "Deny", condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] }),
    );
  });
});
