import { problemsWith } from "../helpers";

describe("audit schema", () => {
  it("accepts the example audit settings: off in dev and test, on in prod", () => {
    expect(problemsWith("prod", () => undefined)).toEqual([]);
  });

  it("requires the audit trail in prod", () => {
    expect(problemsWith("prod", (e) => ((e.audit.enabled = false), (e.audit.guardDuty = false)))).toEqual([
      "prod: audit.enabled must be true in prod: every management API call in the account must be recorded, got false",
    ]);
  });

  it("requires prod to keep log files at least a year", () => {
    expect(problemsWith("prod", (e) => (e.audit.retentionDays = 364))).toEqual([
      "prod: audit.retentionDays must be at least 365 in prod, to investigate a year back, got 364",
    ]);
  });

  it("keeps prod's trail log group at least a year", () => {
    expect(problemsWith("prod", (e) => (e.audit.logRetentionDays = 180))).toEqual([
      "prod: audit.logRetentionDays must be at least 365 in prod: the trail's log group keeps a year, like every prod log, got 180",
    ]);
  });

  it("refuses audit where workspace copies are allowed", () => {
    expect(problemsWith("dev", (e) => (e.audit.enabled = true))).toEqual([
      "dev: audit.enabled needs workspaces.allowNonDefault: false: the trail and GuardDuty record the whole account, and every workspace copy would add another trail (5 per region at most) and a second GuardDuty detector (one per account and region), got true",
    ]);
  });

  it("accepts audit outside prod once workspace copies are off", () => {
    expect(problemsWith("test", (e) => ((e.audit.enabled = true), (e.workspaces.allowNonDefault = false)))).toEqual([]);
  });

  it("refuses GuardDuty without the audit trail", () => {
    expect(problemsWith("dev", (e) => (e.audit.guardDuty = true))).toEqual([
      "dev: audit.guardDuty has no effect while audit.enabled is false: enable audit or set it false, got true",
    ]);
  });

  it("refuses an archive transition the expiry would cut short of the class's minimum storage duration", () => {
    expect(problemsWith("prod", (e) => ((e.audit.retentionDays = 365), (e.audit.archiveAfterDays = 300)))).toEqual([
      "prod: audit.archiveAfterDays must be at most 275: files expire after audit.retentionDays (365) and GLACIER_IR bills at least 90 days, got 300",
    ]);
    expect(problemsWith("prod", (e) => (e.audit.archiveStorageClass = "DEEP_ARCHIVE"))).toEqual([]);
  });

  it("rejects an unknown archive storage class", () => {
    expect(problemsWith("dev", (e) => (e.audit.archiveStorageClass = "GLACIER_DEEP"))).toEqual([
      'dev: audit.archiveStorageClass must be one of GLACIER_IR, GLACIER, DEEP_ARCHIVE, got "GLACIER_DEEP"',
    ]);
  });

  it("rejects a log retention CloudWatch does not offer", () => {
    expect(problemsWith("prod", (e) => (e.audit.logRetentionDays = 500))).toEqual([
      expect.stringMatching(/^prod: audit\.logRetentionDays must be one of 1, 3, 5, .*, 3653, got 500$/),
    ]);
  });

  it("rejects an unknown GuardDuty finding frequency", () => {
    expect(problemsWith("prod", (e) => (e.audit.guardDutyFindingFrequency = "HOURLY"))).toEqual([
      'prod: audit.guardDutyFindingFrequency must be one of FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS, got "HOURLY"',
    ]);
  });

  it("requires the audit settings", () => {
    expect(problemsWith("dev", (e) => delete e.audit)).toEqual([
      "dev: audit is required: CloudTrail to S3 and CloudWatch Logs, the CIS benchmark alarms and GuardDuty: the audit trail (an object)",
    ]);
  });
});
