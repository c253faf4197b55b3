import { Block, Plan, at, isTrue } from "../plan";
import { Rule, RuleResult, judge, notApplicable } from "../rule";

/** Daily automated backups kept at least this long in prod (point-in-time restore window). */
const PROD_BACKUP_DAYS = 7;

function inBackupPlan(plan: Plan, b: Block): string | undefined {
  const selected = plan.resources("aws_backup_selection").some((s) => plan.refersTo(s.body.resources, b.address));
  return selected ? undefined : "no aws_backup_selection selects it";
}

const CHECKS: Record<string, (b: Block, plan: Plan) => (string | undefined)[]> = {
  aws_db_instance: (b, plan) => [
    typeof b.body.backup_retention_period === "number" && b.body.backup_retention_period >= PROD_BACKUP_DAYS
      ? undefined
      : `backup_retention_period is ${b.body.backup_retention_period ?? "unset"}`,
    isTrue(b.body.skip_final_snapshot) ? "skip_final_snapshot is true" : undefined,
    inBackupPlan(plan, b),
  ],
  aws_rds_cluster: (b, plan) => [
    typeof b.body.backup_retention_period === "number" && b.body.backup_retention_period >= PROD_BACKUP_DAYS
      ? undefined
      : `backup_retention_period is ${b.body.backup_retention_period ?? "unset"}`,
    isTrue(b.body.skip_final_snapshot) ? "skip_final_snapshot is true" : undefined,
    inBackupPlan(plan, b),
  ],
  aws_elasticache_replication_group: (b) => [
    typeof b.body.snapshot_retention_limit === "number" && b.body.snapshot_retention_limit > 0 ? undefined : "snapshot_retention_limit is not set",
    b.body.final_snapshot_identifier ? undefined : "final_snapshot_identifier is not set",
  ],
  aws_dynamodb_table: (b) => [isTrue(at(b.body, "point_in_time_recovery", "enabled")) ? undefined : "point_in_time_recovery is not enabled"],
};

const PROTECTED = new Set(["prod", "state"]);

export const NP_DATA_2: Rule = {
  id: "NP-DATA-2",
  level: "error",
  message: `In prod (and the state stack), stateful data is backed up: automated backups (${PROD_BACKUP_DAYS}+ days), a final snapshot, AWS Backup`,
  explanation: "Deletion protection does not undo a bad migration or a dropped table; only a restorable copy from before does.",
  fix: "keep the tier's backups on in prod (database.backupRetentionDays, cache.snapshotRetentionDays, the backup plan that selects the database)",
  check(plan: Plan): RuleResult[] {
    return Object.entries(CHECKS).flatMap(([type, problems]) =>
      plan.resources(type).map((b) => (PROTECTED.has(plan.environment ?? "") ? judge(b.address, problems(b, plan)) : notApplicable(b.address))),
    );
  },
};
