import type { EnvironmentInput } from "../src/config/schema";
import { EXAMPLE_ACCOUNT_IDS, defaults, state } from "./defaults";

/** Test: prod's shape at smaller size, where releases are proven before prod. */
export const test: EnvironmentInput = {
  ...defaults,
  name: "test",
  accountId: EXAMPLE_ACCOUNT_IDS.test,
  // EXAMPLE: the domain, in the platform's zone (state.dns).
  dns: { domain: "test.notes.example.com", zone: state.dns.zone },
  frontend: { ...defaults.frontend, domain: "app.test.notes.example.com" },
  network: { ...defaults.network, cidr: "10.20.0.0/16", interfaceEndpoints: true },
  observability: { ...defaults.observability, tracing: { enabled: true, prometheus: false } },
  app: { ...defaults.app, minTasks: 2, maxTasks: 8, deploymentStrategy: "ROLLING" },
  // Prod's shape (standby, replica, final snapshot) on small instances; restore drills run here.
  database: { ...defaults.database, instanceClass: "db.t4g.small", multiAz: true, backupRetentionDays: 14, skipFinalSnapshot: false },
  cache: { ...defaults.cache, replicas: 1, multiAz: true, snapshotRetentionDays: 7 },
  // Governance lock (no changeableForDays): removable by an administrator, so test stays disposable.
  backup: { dailyRetentionDays: 14, monthlyRetentionDays: 90, vaultLock: { minRetentionDays: 7, maxRetentionDays: 365 } },
  // Test releases without approval, with prod's scan gate: what reaches prod passed it here first.
  pipeline: { ...defaults.pipeline, requireApproval: false },
};
