import { Plan, isTrue } from "../plan";
import { Rule, RuleResult, judge } from "../rule";

export const NP_KMS_2: Rule = {
  id: "NP-KMS-2",
  level: "warning",
  message: "Customer-managed KMS keys rotate their key material yearly",
  explanation: "Rotation bounds how much data one key version protects; AWS keeps old versions, so it never breaks decryption.",
  fix: "set enable_key_rotation = true on the aws_kms_key (EncryptionKey does by default)",
  check(plan: Plan): RuleResult[] {
    return plan.resources("aws_kms_key").map((k) => judge(k.address, [isTrue(k.body.enable_key_rotation) ? undefined : "enable_key_rotation is not true"]));
  },
};
