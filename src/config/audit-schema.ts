import { z } from "zod";
import { between, logRetention } from "./primitives";

/**
 * Storage classes audit log files may move to, with the days each bills at least (its minimum
 * storage duration): a file deleted earlier is billed as if it stayed that long.
 */
export const ARCHIVE_STORAGE_CLASSES = { GLACIER_IR: 90, GLACIER: 90, DEEP_ARCHIVE: 180 } as const;
export type ArchiveStorageClass = keyof typeof ARCHIVE_STORAGE_CLASSES;
const storageClasses = Object.keys(ARCHIVE_STORAGE_CLASSES) as [ArchiveStorageClass, ...ArchiveStorageClass[]];

/** Least days prod keeps its audit log files. */
export const PROD_MIN_AUDIT_RETENTION_DAYS = 365;

export const auditSchema = z
  .object({
    enabled: z
      .boolean()
      .describe(
        "a multi-region CloudTrail trail of every management API call in the account, to S3 and to CloudWatch Logs, with the CIS benchmark alarms. Required in prod. Audit records the whole account, so it needs `workspaces.allowNonDefault: false` (no per-workspace copies)",
      ),
    retentionDays: between(1, 3650).describe("days CloudTrail log files are kept in S3 before they expire; prod keeps them at least 365"),
    archiveAfterDays: between(1, 3650).describe("days after which log files move to `archiveStorageClass` (rarely read after the first weeks)"),
    archiveStorageClass: z
      .enum(storageClasses, `must be one of ${storageClasses.join(", ")}`)
      .describe("GLACIER_IR (read in milliseconds), GLACIER (Flexible Retrieval, minutes to hours) or DEEP_ARCHIVE (hours)"),
    logRetentionDays: logRetention.describe("retention of the trail's CloudWatch Logs group, where the CIS alarms look and investigations start"),
    guardDuty: z
      .boolean()
      .describe(
        "GuardDuty threat detection. AWS allows one detector per account and region: turn this off if the organization's delegated administrator already enables GuardDuty in this account",
      ),
    guardDutyFindingFrequency: z
      .enum(["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"], "must be one of FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS")
      .describe("how often GuardDuty publishes updates of existing findings (new findings always within about 5 minutes)"),
  })
  .strict();

export type AuditConfig = z.infer<typeof auditSchema>;

type Problem = (path: (string | number)[], message: string, input?: unknown) => void;

/** Cross-field rules of the audit trail. */
export function checkAudit(env: { name?: string; audit?: Partial<AuditConfig>; workspaces?: { allowNonDefault?: boolean } }, problem: Problem): void {
  const audit = env.audit;
  if (!audit) return;
  if (env.name === "prod") {
    if (audit.enabled === false) {
      problem(["audit", "enabled"], "must be true in prod: every management API call in the account must be recorded", false);
    }
    if (typeof audit.retentionDays === "number" && audit.retentionDays < PROD_MIN_AUDIT_RETENTION_DAYS) {
      problem(["audit", "retentionDays"], `must be at least ${PROD_MIN_AUDIT_RETENTION_DAYS} in prod, to investigate a year back`, audit.retentionDays);
    }
    if (typeof audit.logRetentionDays === "number" && audit.logRetentionDays < PROD_MIN_AUDIT_RETENTION_DAYS) {
      problem(
        ["audit", "logRetentionDays"],
        `must be at least ${PROD_MIN_AUDIT_RETENTION_DAYS} in prod: the trail's log group keeps a year, like every prod log`,
        audit.logRetentionDays,
      );
    }
  }
  // Prod refuses other workspaces anyway (workspaces.allowNonDefault): one problem is enough there.
  if (env.name !== "prod" && audit.enabled === true && env.workspaces?.allowNonDefault === true) {
    problem(
      ["audit", "enabled"],
      "needs workspaces.allowNonDefault: false: the trail and GuardDuty record the whole account, and every workspace copy would add another trail (5 per region at most) and a second GuardDuty detector (one per account and region)",
      true,
    );
  }
  if (audit.guardDuty === true && audit.enabled === false) {
    problem(["audit", "guardDuty"], "has no effect while audit.enabled is false: enable audit or set it false", true);
  }
  const minimum = audit.archiveStorageClass ? ARCHIVE_STORAGE_CLASSES[audit.archiveStorageClass] : undefined;
  if (minimum !== undefined && typeof audit.archiveAfterDays === "number" && typeof audit.retentionDays === "number") {
    if (audit.archiveAfterDays + minimum > audit.retentionDays) {
      problem(
        ["audit", "archiveAfterDays"],
        `must be at most ${Math.max(0, audit.retentionDays - minimum)}: files expire after audit.retentionDays (${audit.retentionDays}) and ${audit.archiveStorageClass} bills at least ${minimum} days`,
        audit.archiveAfterDays,
      );
    }
  }
}
