import { ChatbotSlackChannelConfiguration } from "@cdktf/provider-aws/lib/chatbot-slack-channel-configuration";
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
});
