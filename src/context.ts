import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { WorkspacePolicy } from "./shared/workspace-policy";
import { EnvironmentConfig } from "./config/schema";
import { Naming } from "./naming";
import { AlarmTopic } from "./shared/alarm-topic";
import { EncryptionKey, logsKeyStatement } from "./shared/encryption-key";

/**
 * What every tier of an environment needs, created once by `EnvironmentStack` and passed whole,
 * instead of the same few props to every construct.
 */
export interface PlatformContext {
  /** The environment's name, e.g. `prod`. */
  readonly environment: EnvironmentConfig["name"];
  readonly project: string;
  readonly naming: Naming;
  readonly accountId: string;
  readonly region: string;
  /** Where backups and images are copied. */
  readonly drRegion: string;
  /** Provider for `drRegion`. */
  readonly drProvider: AwsProvider;
  /**
   * The one provider for the platform's hosted zone: the environment's record-writer role
   * (`<project>-<env>-dns`, the dns stack) in the zone's account. Every Route 53 lookup and record
   * of the environment goes through it; the edge tier's `zone` carries it with the zone's id.
   */
  readonly dnsProvider: AwsProvider;
  /** `protectStatefulResources`: stateful resources refuse destruction. */
  readonly protect: boolean;
  /** Retention of the platform's own log groups (`logRetentionDays`). */
  readonly logRetentionDays: number;
  /** The key every log group is encrypted with. */
  readonly logsKey: EncryptionKey;
  /** The workspace rules: name suffix, host prefix, what only the default workspace creates. */
  readonly workspace: WorkspacePolicy;
  /** Where every alarm and failure event goes. */
  readonly alarms: AlarmTopic;
  /** `alarmActions` and `okActions` of every alarm: the alarm topic. */
  readonly alarmActions: string[];
}

/**
 * The context of one environment: its workspace rules and naming, the logs key and the alarm
 * topic, created once in `scope` (the environment's stack).
 */
export function createPlatformContext(scope: Construct, config: EnvironmentConfig, drProvider: AwsProvider, dnsProvider: AwsProvider): PlatformContext {
  const { name, accountId, region } = config;
  const workspace = new WorkspacePolicy(scope, "workspace", { environment: name, allowNonDefault: config.workspaces.allowNonDefault });
  const naming = new Naming({
    project: config.project,
    environment: name,
    workspaceSuffix: workspace.nameSuffix,
    workspaceSuffixMaxLength: workspace.nameSuffixMaxLength,
  });
  const protect = config.protectStatefulResources;
  const logsKey = new EncryptionKey(scope, "logs-key", {
    naming,
    purpose: "logs",
    accountId,
    serviceStatements: [logsKeyStatement(region, accountId)],
    protect,
  });
  const alarms = new AlarmTopic(scope, "alarms", { naming, region, accountId, emails: config.observability.alarmEmails, slack: config.observability.slack });
  return {
    environment: name,
    project: config.project,
    naming,
    accountId,
    region,
    drRegion: config.drRegion,
    drProvider,
    dnsProvider,
    protect,
    logRetentionDays: config.logRetentionDays,
    logsKey,
    workspace,
    alarms,
    alarmActions: [alarms.topic.arn],
  };
}
