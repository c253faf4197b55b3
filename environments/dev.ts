import type { EnvironmentInput } from "../src/config/schema";
import { EXAMPLE_ACCOUNT_IDS, defaults, state } from "./defaults";

/** Development: cheapest settings that still look like prod; preview copies per workspace allowed. */
export const dev: EnvironmentInput = {
  ...defaults,
  name: "dev",
  accountId: EXAMPLE_ACCOUNT_IDS.dev,
  // EXAMPLE: the domain, in the platform's zone (state.dns).
  dns: { domain: "dev.notes.example.com", zone: state.dns.zone },
  frontend: { ...defaults.frontend, domain: "app.dev.notes.example.com" },
  network: { ...defaults.network, cidr: "10.10.0.0/16" },
  // The write-up's EC2 hosts (two tasks each), on Graviton to match the ARM64 image, all on Spot:
  // an interruption costs a restart, as on Fargate Spot. Room for twice app.maxTasks: a release
  // starts the new tasks beside the old ones.
  app: {
    ...defaults.app,
    capacity: {
      fargateBase: 0,
      fargateWeight: 0,
      spotWeight: 0,
      ec2: {
        instanceTypes: ["t4g.small"],
        minHosts: 1,
        maxHosts: 4,
        onDemandBase: 0,
        onDemandPercentAboveBase: 0,
        spotAllocationStrategy: "price-capacity-optimized",
        targetCapacityPercent: 100,
      },
    },
  },
  // Dev releases every push to the branch without approval, and tolerates a few known HIGH findings
  // while they are being fixed; test and prod do not.
  pipeline: { ...defaults.pipeline, imageScan: { maxCritical: 0, maxHigh: 5 } },
};
