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
  // Dev releases every push to the branch without approval, and tolerates a few known HIGH findings
  // while they are being fixed; test and prod do not.
  pipeline: { ...defaults.pipeline, imageScan: { maxCritical: 0, maxHigh: 5 } },
};
