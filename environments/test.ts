import type { EnvironmentInput } from "../src/config/schema";
import { EXAMPLE_ACCOUNT_IDS, defaults } from "./defaults";

/** Test: prod's shape at smaller size, where releases are proven before prod. */
export const test: EnvironmentInput = {
  ...defaults,
  name: "test",
  accountId: EXAMPLE_ACCOUNT_IDS.test,
  // EXAMPLE: the domain and hosted zone.
  dns: { domain: "test.notes.example.com", zone: "notes.example.com", createZone: false },
  network: { ...defaults.network, cidr: "10.20.0.0/16", interfaceEndpoints: true },
  app: { ...defaults.app, minTasks: 2, maxTasks: 8, deploymentStrategy: "ROLLING" },
  // Test releases without approval, with prod's scan gate: what reaches prod passed it here first.
  pipeline: { ...defaults.pipeline, requireApproval: false },
};
