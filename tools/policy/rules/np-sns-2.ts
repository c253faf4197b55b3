import { Plan } from "../plan";
import { Rule, RuleResult, compliant, nonCompliant } from "../rule";

/** AWS Chatbot configurations, which deliver a topic's messages to a chat channel. */
const CHATBOT_TYPES = ["aws_chatbot_slack_channel_configuration", "aws_chatbot_teams_channel_configuration"] as const;

export const NP_SNS_2: Rule = {
  id: "NP-SNS-2",
  level: "error",
  message: "Every SNS topic has a subscriber: an aws_sns_topic_subscription or an AWS Chatbot channel",
  explanation:
    "A topic without a subscriber drops every message: alarms, failed releases and approval requests reach nobody, and nothing says so. A topic read by something outside the stack needs a suppression that names that consumer.",
  fix: "subscribe the people or channel who act on it (observability.alarmEmails / pipeline.notifications.emails, or slack), or suppress NP-SNS-2 on the topic naming its consumer",
  check(plan: Plan): RuleResult[] {
    return plan.resources("aws_sns_topic").map((topic) => {
      const subscribed = plan.resources("aws_sns_topic_subscription").some((s) => plan.refersTo(s.body.topic_arn, topic.address));
      const chat = CHATBOT_TYPES.some((type) => plan.resources(type).some((c) => plan.refersTo(c.body.sns_topic_arns, topic.address)));
      return subscribed || chat
        ? compliant(topic.address)
        : nonCompliant(topic.address, "no aws_sns_topic_subscription or Chatbot channel configuration refers to this topic");
    });
  },
};
