import { Block, Plan, at, isTrue } from "../plan";
import { Rule, RuleResult, judge, notApplicable } from "../rule";

const preventDestroy = (b: Block) => (at(b.body, "lifecycle", "prevent_destroy") === true ? undefined : "lifecycle.prevent_destroy is not true");

/** Stateful resource types and what protects each from deletion. */
const CHECKS: Record<string, (b: Block) => (string | undefined)[]> = {
  aws_db_instance: (b) => [isTrue(b.body.deletion_protection) ? undefined : "deletion_protection is not true", preventDestroy(b)],
  aws_rds_cluster: (b) => [isTrue(b.body.deletion_protection) ? undefined : "deletion_protection is not true", preventDestroy(b)],
  aws_elasticache_replication_group: (b) => [preventDestroy(b)],
  aws_dynamodb_table: (b) => [isTrue(b.body.deletion_protection_enabled) ? undefined : "deletion_protection_enabled is not true", preventDestroy(b)],
  aws_s3_bucket: (b) => [b.body.force_destroy === true ? "force_destroy is true" : undefined, preventDestroy(b)],
  aws_backup_vault: (b) => [b.body.force_destroy === true ? "force_destroy is true" : undefined, preventDestroy(b)],
  aws_ecr_repository: (b) => [b.body.force_delete === true ? "force_delete is true" : undefined, preventDestroy(b)],
};

/** Environments whose data must survive a mistaken destroy: prod, and the state account's bootstrap stack. */
const PROTECTED = new Set(["prod", "state"]);

export const NP_DATA_1: Rule = {
  id: "NP-DATA-1",
  level: "error",
  message: "In prod (and the state stack), stateful resources refuse deletion",
  explanation:
    "A rename or a wrong `destroy` must not delete the database, the cache, buckets, vaults or the state; deletion protection and prevent_destroy make it take two deliberate steps.",
  fix: "set the environment's protection (protectStatefulResources) so the tier sets deletion_protection and lifecycle.prevent_destroy",
  check(plan: Plan): RuleResult[] {
    return Object.entries(CHECKS).flatMap(([type, problems]) =>
      plan.resources(type).map((b) => (PROTECTED.has(plan.environment ?? "") ? judge(b.address, problems(b)) : notApplicable(b.address))),
    );
  },
};
