/** Shared by the backup rules: the plan's backup rules with their copies. */
import { Json, JsonObject, Plan, blockInstances } from "../plan";

export interface BackupRule {
  readonly plan: string;
  readonly name: string;
  readonly index: number;
  readonly body: JsonObject;
}

export function backupRules(plan: Plan): BackupRule[] {
  return plan
    .resources("aws_backup_plan")
    .flatMap((p) => blockInstances(p.body.rule).map((body, index) => ({ plan: p.address, name: String(body.rule_name ?? index), index, body })));
}

export const deleteAfter = (lifecycle: Json | undefined): number | undefined => {
  const value = blockInstances(lifecycle)[0]?.delete_after;
  return typeof value === "number" ? value : undefined;
};
