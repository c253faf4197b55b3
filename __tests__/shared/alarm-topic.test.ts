import { ChatbotSlackChannelConfiguration } from "@cdktf/provider-aws/lib/chatbot-slack-channel-configuration";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { AlarmTopic, AlarmTopicProps } from "../../src/shared/alarm-topic";
import { naming, parsed, resources, synth } from "../helpers";

const build = (props: Partial<AlarmTopicProps> = {}) =>
  synth((scope) => {
    new AlarmTopic(scope, "alarms", { naming, region: "eu-central-1", accountId: "111111111111", emails: ["oncall@example.com"], ...props });
  });
const statements = (json: string) => Object.values<any>(parsed(json).data.aws_iam_policy_document).flatMap((d) => d.statement);

describe("AlarmTopic", () => {
  const json = build();

  it("encrypts the topic with its own key", () => {
    expect(json).toHaveResourceWithProperties(SnsTopic, {
      name: "notes-dev-alarms",
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.alarms_key_[0-9A-F]+\.arn\}$/),
    });
  });

  it("lets CloudWatch, EventBridge, Backup and CodeStar Notifications publish for this account, using the key through SNS only", () => {
    const services = ["cloudwatch.amazonaws.com", "events.amazonaws.com", "backup.amazonaws.com", "codestar-notifications.amazonaws.com"];
    const [key] = statements(json).filter((s) => s.sid === "PublishingServicesEncrypt");
    const [publish] = statements(json).filter((s) => s.sid === "PublishingServicesPublish");
    for (const s of [key, publish]) expect(s.principals[0].identifiers).toEqual(services);
    expect(key.condition).toEqual([{ test: "StringEquals", variable: "kms:ViaService", values: ["sns.eu-central-1.amazonaws.com"] }]);
    expect(publish.condition).toEqual([{ test: "StringEquals", variable: "aws:SourceAccount", values: ["111111111111"] }]);
    expect(publish.actions).toEqual(["sns:Publish"]);
  });

  it("subscribes each email address", () => {
    expect(json).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: "email", endpoint: "oncall@example.com" });
  });

  it("delivers to Slack through Chatbot when configured", () => {
    const withSlack = build({ slack: { workspaceId: "T012ABCDEF3", channelId: "C012ABCDEF3" } });
    expect(withSlack).toHaveResourceWithProperties(ChatbotSlackChannelConfiguration, {
      slack_team_id: "T012ABCDEF3",
      slack_channel_id: "C012ABCDEF3",
      guardrail_policy_arns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    });
    expect(resources(json, "aws_chatbot_slack_channel_configuration")).toEqual([]);
  });

  describe("a second topic in us-east-1 (the front end's alarms)", () => {
    const edge = synth((scope) => {
      const provider = new AwsProvider(scope, "aws-edge", { alias: "edge", region: "us-east-1" });
      const slack = { workspaceId: "T012ABCDEF3", channelId: "C012ABCDEF3" };
      new AlarmTopic(scope, "edge-alarms", {
        naming,
        provider,
        part: "edge-alarms",
        region: "us-east-1",
        accountId: "111111111111",
        emails: ["oncall@example.com"],
        slack,
      });
    });

    it("puts the topic, its key, policy and subscriptions in that region", () => {
      for (const type of ["aws_sns_topic", "aws_kms_key", "aws_kms_alias", "aws_sns_topic_policy", "aws_sns_topic_subscription"]) {
        expect(resources(edge, type).map((r) => r.provider)).toEqual(["aws.edge"]);
      }
      expect(statements(edge).find((st) => st.sid === "PublishingServicesEncrypt").condition[0].values).toEqual(["sns.us-east-1.amazonaws.com"]);
    });

    it("names its topic, key and Chatbot channel and role after its part", () => {
      expect(resources(edge, "aws_sns_topic")[0].name).toBe("notes-dev-edge-alarms");
      expect(resources(edge, "aws_kms_alias")[0].name).toBe(naming.kmsAlias("edge-alarms"));
      expect(resources(edge, "aws_iam_role")[0].name).toBe("notes-dev-edge-alarms-chatbot");
      expect(resources(edge, "aws_chatbot_slack_channel_configuration")[0]).toMatchObject({ configuration_name: "notes-dev-edge-alarms" });
      expect(resources(edge, "aws_chatbot_slack_channel_configuration")[0].provider).toBeUndefined();
    });
  });
});
