import type { EnvironmentInput, StateInput } from "../src/config/schema";

/**
 * EXAMPLE VALUES: replace every value marked EXAMPLE before a real deploy (README, "Before you
 * deploy"). They are here so that a fresh clone synthesizes.
 */
export const EXAMPLE_ACCOUNT_IDS = { dev: "111111111111", test: "222222222222", prod: "333333333333", state: "444444444444" } as const;

/** Settings every environment shares unless its own file says otherwise. */
export const defaults = {
  project: "notes",
  region: "eu-central-1",
  drRegion: "eu-west-1",
  // EXAMPLE: the GitHub repository of the app and of this infrastructure.
  repository: { owner: "example-org", name: "notes-platform", branch: "main" },
  network: {
    cidr: "10.0.0.0/16",
    azCount: 2,
    // One NAT gateway: a fraction of the cost; one AZ's loss cuts egress until it is back.
    natGateways: "single",
    subnetNewBits: { private: 4, public: 8, isolated: 8 },
    interfaceEndpoints: false,
    flowLogRetentionDays: 30,
  },
  workspaces: { allowNonDefault: true },
  protectStatefulResources: false,
  logRetentionDays: 30,
  app: { cpu: 256, memoryMiB: 512, minTasks: 1, maxTasks: 4 },
  database: { instanceClass: "db.t4g.micro", allocatedStorageGiB: 20, maxAllocatedStorageGiB: 100 },
  cache: { nodeType: "cache.t4g.micro", replicas: 0 },
} satisfies Partial<EnvironmentInput>;

/** The state bucket and lock table, created once by the bootstrap stack. */
export const state: StateInput = {
  project: defaults.project,
  // EXAMPLE: the account that holds Terraform state (often a shared tooling account).
  accountId: EXAMPLE_ACCOUNT_IDS.state,
  region: defaults.region,
  locking: "dynamodb",
  noncurrentVersionExpirationDays: 90,
  // GitHub Actions: pushes to main plan every environment and apply dev; test and prod apply only
  // in jobs of the GitHub environment of that name (give those required reviewers in GitHub).
  ci: { branch: "main", environments: ["test", "prod"] },
};
