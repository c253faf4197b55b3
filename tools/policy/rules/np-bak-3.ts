import { Plan } from "../plan";
import { Rule, RuleResult, judge, notApplicable } from "../rule";

export const NP_BAK_3: Rule = {
  id: "NP-BAK-3",
  level: "error",
  message: "In prod, every backup vault is locked (AWS Backup Vault Lock)",
  explanation:
    "Without a lock, anyone with the account's backup permissions (or an attacker holding them) can delete the recovery points the promises rest on.",
  fix: "keep backup.vaultLock set in prod (an aws_backup_vault_lock_configuration per vault)",
  check(plan: Plan): RuleResult[] {
    return plan.resources("aws_backup_vault").map((vault) => {
      if (!plan.isProd) return notApplicable(vault.address);
      const locked = plan.resources("aws_backup_vault_lock_configuration").some((l) => plan.refersTo(l.body.backup_vault_name, vault.address));
      return judge(vault.address, [locked ? undefined : "no aws_backup_vault_lock_configuration refers to this vault"]);
    });
  },
};
