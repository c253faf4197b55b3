import { Plan, at } from "../plan";
import { Rule, RuleResult, compliant, nonCompliant } from "../rule";

export const NP_S3_3: Rule = {
  id: "NP-S3-3",
  level: "warning",
  message: "Every S3 bucket disables ACLs (object ownership BucketOwnerEnforced)",
  explanation: "With ACLs disabled only the bucket policy decides access, so one document shows who can read the data.",
  fix: 'add an aws_s3_bucket_ownership_controls with object_ownership = "BucketOwnerEnforced"',
  check(plan: Plan): RuleResult[] {
    return plan.resources("aws_s3_bucket").map((bucket) => {
      const controls = plan.resources("aws_s3_bucket_ownership_controls").find((c) => plan.refersTo(c.body.bucket, bucket.address));
      if (!controls) return nonCompliant(bucket.address, "no aws_s3_bucket_ownership_controls refers to this bucket");
      return at(controls.body, "rule", 0, "object_ownership") === "BucketOwnerEnforced"
        ? compliant(bucket.address)
        : nonCompliant(controls.address, "object_ownership is not BucketOwnerEnforced", "rule.object_ownership");
    });
  },
};
