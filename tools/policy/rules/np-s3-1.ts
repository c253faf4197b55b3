import { Plan } from "../plan";
import { Rule, RuleResult, compliant, nonCompliant } from "../rule";
import { deniesInsecureTransport } from "./tls";

export const NP_S3_1: Rule = {
  id: "NP-S3-1",
  level: "error",
  message: "Every S3 bucket has a policy that denies requests without TLS",
  explanation: "Without an aws:SecureTransport deny, a client (or a misconfigured SDK) can read and write objects over plain HTTP.",
  fix: 'attach an aws_s3_bucket_policy with a Deny of "s3:*" on the bucket and its objects for any principal when aws:SecureTransport is false (SecureBucket does)',
  check(plan: Plan): RuleResult[] {
    return plan.resources("aws_s3_bucket").map((bucket) => {
      const policies = plan.resources("aws_s3_bucket_policy").filter((p) => plan.refersTo(p.body.bucket, bucket.address));
      if (!policies.length) return nonCompliant(bucket.address, "no aws_s3_bucket_policy refers to this bucket");
      const ok = policies.some((p) => deniesInsecureTransport(plan.statements(p.body.policy) ?? [], /^(s3:\*|\*)$/));
      return ok
        ? compliant(bucket.address)
        : nonCompliant(policies[0].address, "the bucket policy has no Deny of s3:* when aws:SecureTransport is false", "policy");
    });
  },
};
