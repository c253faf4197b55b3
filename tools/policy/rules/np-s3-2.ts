import { Plan, isTrue } from "../plan";
import { Rule, RuleResult, judge, nonCompliant } from "../rule";

const SETTINGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

export const NP_S3_2: Rule = {
  id: "NP-S3-2",
  level: "error",
  message: "Every S3 bucket blocks public access with all four settings",
  explanation: "The bucket-level public access block stops a later ACL or policy change from exposing the data, whatever the account setting is.",
  fix: "add an aws_s3_bucket_public_access_block for the bucket with the four settings true (SecureBucket does)",
  check(plan: Plan): RuleResult[] {
    return plan.resources("aws_s3_bucket").map((bucket) => {
      const block = plan.resources("aws_s3_bucket_public_access_block").find((b) => plan.refersTo(b.body.bucket, bucket.address));
      if (!block) return nonCompliant(bucket.address, "no aws_s3_bucket_public_access_block refers to this bucket");
      return judge(
        block.address,
        SETTINGS.map((s) => (isTrue(block.body[s]) ? undefined : `${s} is not true`)),
      );
    });
  },
};
