import type { EnvironmentInput } from "../src/config/schema";
import { EXAMPLE_ACCOUNT_IDS, defaults, state } from "./defaults";

/** Production: three AZs with a NAT gateway each, protected state, 4x headroom for event peaks. */
export const prod: EnvironmentInput = {
  ...defaults,
  name: "prod",
  accountId: EXAMPLE_ACCOUNT_IDS.prod,
  // EXAMPLE: the domain, in the platform's zone (state.dns).
  dns: { domain: "notes.example.com", zone: state.dns.zone },
  // Every edge location (the write-ups put CloudFront in front for latency), access logs a year.
  frontend: { ...defaults.frontend, domain: "app.notes.example.com", priceClass: "PriceClass_All", accessLogRetentionDays: 365 },
  network: {
    ...defaults.network,
    cidr: "10.30.0.0/16",
    azCount: 3,
    natGateways: "perAz",
    interfaceEndpoints: true,
    flowLogRetentionDays: 365,
  },
  workspaces: { allowNonDefault: false },
  protectStatefulResources: true,
  // A year of every log: what auditors expect (policy NP-LOG-1).
  logRetentionDays: 365,
  edge: { ...defaults.edge, alternativeNames: ["www.notes.example.com"], accessLogExpirationDays: 365, wafLogRetentionDays: 365 },
  app: {
    ...defaults.app,
    cpu: 1024,
    memoryMiB: 2048,
    minTasks: 3,
    // 4x the minimum: a conference peak is served without a config change.
    maxTasks: 12,
    // The write-up's canary: 10% of production traffic for 10 minutes, then all of it; the old
    // tasks stay 15 more minutes. A rollback alarm in that time rolls back to them.
    deploymentStrategy: "CANARY",
    canary: { percent: 10, bakeTimeMinutes: 10 },
    bakeTimeMinutes: 15,
    execEnabled: false,
    // Always 3 tasks on on-demand FARGATE; peaks above that split evenly with Spot.
    capacity: { fargateBase: 3, fargateWeight: 1, spotWeight: 1 },
    scaling: {
      ...defaults.app.scaling,
      schedule: { timezone: "Europe/Berlin", days: "MON-FRI", start: "07:00", end: "20:00", minTasks: 6 },
    },
  },
  observability: {
    ...defaults.observability,
    thresholds: { ...defaults.observability.thresholds, dbFreeStorageGiB: 50, dbFreeableMemoryMiB: 1024, dbConnections: 800 },
    tracing: { enabled: true, prometheus: true },
    grafana: { ...defaults.observability.grafana, enabled: true, dataSources: ["CLOUDWATCH", "XRAY", "PROMETHEUS"] },
  },
  // Every management API call recorded: log files kept 2 years (Glacier Instant Retrieval after 90 days), the
  // CloudWatch copy a year; GuardDuty on, with updated findings every 15 minutes.
  audit: {
    ...defaults.audit,
    enabled: true,
    retentionDays: 731,
    archiveAfterDays: 90,
    logRetentionDays: 365,
    guardDuty: true,
    guardDutyFindingFrequency: "FIFTEEN_MINUTES",
  },
  database: {
    ...defaults.database,
    instanceClass: "db.r7g.large",
    allocatedStorageGiB: 100,
    maxAllocatedStorageGiB: 1000,
    multiAz: true,
    backupRetentionDays: 35,
    skipFinalSnapshot: false,
  },
  cache: { ...defaults.cache, nodeType: "cache.r7g.large", replicas: 2, multiAz: true, snapshotRetentionDays: 14 },
  backup: {
    dailyRetentionDays: 35,
    // Notes are kept 3 years.
    monthlyRetentionDays: 1095,
    // COMPLIANCE MODE: 14 days after the first apply the lock becomes immutable. From then on nobody
    // (not the account root, not AWS support) can delete a recovery point before 35 days, remove the
    // lock, or delete the vaults while they hold recovery points. Retention can only ever be set
    // between 35 and 1827 days. Check these numbers before prod's first apply.
    vaultLock: { minRetentionDays: 35, maxRetentionDays: 1827, changeableForDays: 14 },
  },
  // Every prod release waits for a person's approval; bigger builders, and artifacts kept longer
  // so that the Deploy stage can roll back to older releases.
  pipeline: { ...defaults.pipeline, requireApproval: true, computeType: "BUILD_GENERAL1_MEDIUM", artifactRetentionDays: 90 },
};
