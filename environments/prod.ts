import type { EnvironmentInput } from "../src/config/schema";
import { EXAMPLE_ACCOUNT_IDS, defaults } from "./defaults";

/** Production: three AZs with a NAT gateway each, protected state, 4x headroom for event peaks. */
export const prod: EnvironmentInput = {
  ...defaults,
  name: "prod",
  accountId: EXAMPLE_ACCOUNT_IDS.prod,
  // EXAMPLE: the domain and hosted zone.
  dns: { domain: "notes.example.com", zone: "notes.example.com", createZone: false },
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
  logRetentionDays: 90,
  edge: { ...defaults.edge, alternativeNames: ["www.notes.example.com"], accessLogExpirationDays: 365, wafLogRetentionDays: 365 },
  app: {
    ...defaults.app,
    cpu: 1024,
    memoryMiB: 2048,
    minTasks: 3,
    // 4x the minimum: a conference peak is served without a config change.
    maxTasks: 12,
    bakeTimeMinutes: 15,
    execEnabled: false,
    // Always 3 tasks on on-demand FARGATE; peaks above that split evenly with Spot.
    capacity: { fargateBase: 3, fargateWeight: 1, spotWeight: 1 },
    scaling: {
      ...defaults.app.scaling,
      schedule: { timezone: "Europe/Berlin", days: "MON-FRI", start: "07:00", end: "20:00", minTasks: 6 },
    },
  },
  // Every prod release waits for a person's approval; bigger builders, and artifacts kept longer
  // so that the Deploy stage can roll back to older releases.
  pipeline: { ...defaults.pipeline, requireApproval: true, computeType: "BUILD_GENERAL1_MEDIUM", artifactRetentionDays: 90 },
  database: { instanceClass: "db.r7g.large", allocatedStorageGiB: 100, maxAllocatedStorageGiB: 1000 },
  cache: { nodeType: "cache.r7g.large", replicas: 2 },
};
