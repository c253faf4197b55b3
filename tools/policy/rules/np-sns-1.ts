import { Plan } from "../plan";
import { Rule, RuleResult, compliant, nonCompliant } from "../rule";
import { deniesInsecureTransport } from "./tls";

export const NP_SNS_1: Rule = {
  id: "NP-SNS-1",
  level: "error",
  message: "Every SNS topic has a policy that denies publishing without TLS",
  explanation: "Alarm and release messages name resources and failures; an aws:SecureTransport deny keeps them off plain HTTP.",
  fix: 'add to the aws_sns_topic_policy a Deny of "sns:Publish" for any principal when aws:SecureTransport is false',
  check(plan: Plan): RuleResult[] {
    return plan.resources("aws_sns_topic").map((topic) => {
      const policies = plan.resources("aws_sns_topic_policy").filter((p) => plan.refersTo(p.body.arn, topic.address));
      if (!policies.length) return nonCompliant(topic.address, "no aws_sns_topic_policy refers to this topic");
      const ok = policies.some((p) => deniesInsecureTransport(plan.statements(p.body.policy) ?? [], /^(sns:Publish|sns:\*|\*)$/));
      return ok
        ? compliant(topic.address)
        : nonCompliant(policies[0].address, "the topic policy has no Deny of sns:Publish when aws:SecureTransport is false", "policy");
    });
  },
};
