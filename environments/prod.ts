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
  app: { cpu: 1024, memoryMiB: 2048, minTasks: 3, maxTasks: 12 },
  database: { instanceClass: "db.r7g.large", allocatedStorageGiB: 100, maxAllocatedStorageGiB: 1000 },
  cache: { nodeType: "cache.r7g.large", replicas: 2 },
};
