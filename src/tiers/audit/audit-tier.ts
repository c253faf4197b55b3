import { Construct } from "constructs";
import { EnvironmentConfig } from "../../config/schema";
import { PlatformContext } from "../../context";
import { AuditTrail } from "./audit-trail";

export interface AuditTierProps {
  readonly context: PlatformContext;
  /** `audit`, where `enabled`. */
  readonly config: EnvironmentConfig["audit"];
}

/** The account's audit trail, the CIS benchmark alarms on it, and GuardDuty where configured. */
export class AuditTier extends Construct {
  public readonly trail: AuditTrail;

  constructor(scope: Construct, id: string, props: AuditTierProps) {
    super(scope, id);
    const { context, config } = props;
    this.trail = new AuditTrail(this, "trail", {
      naming: context.naming,
      region: context.region,
      accountId: context.accountId,
      logsKey: context.logsKey.key,
      retentionDays: config.retentionDays,
      // CloudTrail writes a file per region every few minutes, most well under 128 KB: without
      // includeSmallObjects S3 would leave nearly all of them in Standard.
      archive: { days: config.archiveAfterDays, storageClass: config.archiveStorageClass, includeSmallObjects: true },
      logRetentionDays: config.logRetentionDays,
      guardDuty: config.guardDuty ? { findingPublishingFrequency: config.guardDutyFindingFrequency } : undefined,
      alarmTopicArn: context.alarms.topic.arn,
      accessLogs: context.accessLogs,
      dr: { region: context.drRegion, provider: context.drProvider },
      protect: context.protect,
    });
  }
}
