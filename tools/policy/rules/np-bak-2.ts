import { Plan, blockInstances } from "../plan";
import { Rule, RuleResult, judge, notApplicable } from "../rule";
import { backupRules } from "./backup";

export const NP_BAK_2: Rule = {
  id: "NP-BAK-2",
  level: "error",
  message: "In prod, every backup rule copies its recovery points to a vault in another region",
  explanation:
    "A regional outage or a compromised account region must not take the backups with it; the DR region's copy is what the disaster-recovery runbook restores from.",
  fix: "keep drRegion set in prod so each rule gets a copy_action to the DR vault (provider aws.dr)",
  check(plan: Plan): RuleResult[] {
    return backupRules(plan).map((rule) => {
      const address = `${rule.plan}.rule[${rule.index}]`;
      if (!plan.isProd) return notApplicable(address);
      const source = plan
        .references(rule.body.target_vault_name)
        .map((a) => plan.block(a))
        .find((b) => b !== undefined);
      const sourceRegion = source ? plan.regionOf(source) : undefined;
      const copies = blockInstances(rule.body.copy_action).map((c) =>
        plan
          .references(c.destination_vault_arn)
          .map((a) => plan.block(a))
          .find((b) => b !== undefined),
      );
      const elsewhere = copies.some((vault) => vault !== undefined && plan.regionOf(vault) !== undefined && plan.regionOf(vault) !== sourceRegion);
      return judge(address, [elsewhere ? undefined : `rule ${rule.name} has no copy_action to a vault of this stack in another region`]);
    });
  },
};
