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
  edge: {
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    alternativeNames: [],
    accessLogExpirationDays: 30,
    deregistrationDelaySeconds: 30,
    wafRateLimit: 2000,
    // Blocks VPNs, Tor, proxies and hosting providers; "count" to watch its matches first.
    anonymousIpAction: "block",
    wafLogRetentionDays: 30,
    keepReleases: 20,
  },
  app: {
    containerPort: 8080,
    healthCheckPath: "/health",
    cpu: 256,
    memoryMiB: 512,
    cpuArchitecture: "ARM64",
    minTasks: 1,
    maxTasks: 4,
    environment: { LOG_LEVEL: "info" },
    secrets: {},
    scratchPath: "/tmp",
    deploymentStrategy: "BLUE_GREEN",
    bakeTimeMinutes: 5,
    healthCheckGraceSeconds: 60,
    // ECS Exec needs a writable root filesystem (AWS supports it on no other): off, and the root
    // read-only. For a shell in dev, set both execEnabled: true and readOnlyRootFilesystem: false.
    execEnabled: false,
    readOnlyRootFilesystem: true,
    // Non-prod runs mostly on Spot: up to 70% cheaper, and an interruption only costs a restart.
    capacity: { fargateBase: 0, fargateWeight: 1, spotWeight: 3 },
    scaling: { cpuTarget: 60, memoryTarget: 75, requestsPerTarget: 1000 },
  },
  observability: {
    // EXAMPLE: who receives the alarms.
    alarmEmails: ["platform-oncall@example.com"],
    // Errors in either log format, counted once into one metric: plain-text lines (not starting
    // with "{") naming error, Error, ERROR or an Exception, and JSON lines whose level is error or
    // fatal in any case. Filter terms are case-sensitive; regex (between %) has no flag for it.
    appErrorPattern: "%^[^{]*[Ee]rror|^[^{]*ERROR|^[^{]*Exception%",
    appErrorJsonPattern: "{ $.level = %^[Ee][Rr][Rr][Oo][Rr]% || $.level = %^[Ff][Aa][Tt][Aa][Ll]% }",
    thresholds: {
      http5xxRatePercent: 5,
      p99LatencySeconds: 2,
      cpuPercent: 85,
      memoryPercent: 85,
      wafBlockedPerMinute: 100,
      appErrorsPerMinute: 10,
      dbCpuPercent: 80,
      dbFreeStorageGiB: 5,
      dbFreeableMemoryMiB: 128,
      dbConnections: 80,
      dbReplicaLagSeconds: 5,
      cacheCpuPercent: 75,
      cacheMemoryPercent: 80,
      cacheEvictionsPerMinute: 100,
      frontend5xxRatePercent: 5,
      // The bucket answers in tens of milliseconds; the API behind /api/* in its p99 budget.
      frontendOriginLatencyMs: 3000,
    },
    tracing: { enabled: false, prometheus: false },
    // Off outside prod (cost: per active user); IAM Identity Center signs people in.
    grafana: { enabled: false, authentication: ["AWS_SSO"], dataSources: ["CLOUDWATCH", "XRAY"] },
  },
  // Off outside prod (cost): a trail's CloudWatch Logs ingestion, KMS and GuardDuty bill per event.
  audit: {
    enabled: false,
    retentionDays: 365,
    archiveAfterDays: 30,
    archiveStorageClass: "GLACIER_IR",
    logRetentionDays: 90,
    guardDuty: false,
    guardDutyFindingFrequency: "SIX_HOURS",
  },
  // Cheapest: one PostgreSQL instance in one AZ, a week of automated backups, no final snapshot.
  database: {
    engine: "postgres",
    engineVersion: "16",
    instanceClass: "db.t4g.micro",
    allocatedStorageGiB: 20,
    maxAllocatedStorageGiB: 100,
    multiAz: false,
    databaseName: "notes",
    masterUsername: "notes_admin",
    backupRetentionDays: 7,
    backupWindow: "01:00-02:00",
    maintenanceWindow: "sun:03:00-sun:04:00",
    skipFinalSnapshot: true,
  },
  // One Valkey node, no replica: a lost node loses the sessions, which dev can afford.
  cache: {
    engine: "valkey",
    engineVersion: "8.0",
    nodeType: "cache.t4g.micro",
    replicas: 0,
    multiAz: false,
    snapshotRetentionDays: 1,
    snapshotWindow: "00:00-01:00",
    maintenanceWindow: "sun:04:00-sun:05:00",
  },
  // A week of daily backups, copied to the DR region; no monthly backups, no vault lock.
  backup: { dailyRetentionDays: 7 },
  pipeline: {
    // EXAMPLE: the app's layout in the repository (defaults.repository): its code, Dockerfile and
    // migrations under app/. Only changes there start a release; infrastructure changes do not.
    filePaths: ["app/**"],
    requireApproval: false,
    computeType: "BUILD_GENERAL1_SMALL",
    imageScan: { maxCritical: 0, maxHigh: 0 },
    testCommand: "cd app && npm ci && npm test",
    testReportsDirectory: "app/reports",
    dockerContext: "app",
    migrationCommand: "cd app && npm ci && npm run migrate",
    artifactRetentionDays: 30,
    // EXAMPLE: who hears of releases and approves them. A Slack channel through AWS Chatbot: add
    // `slack: { teamId, channelId, region }` once the workspace is authorized in the Chatbot console.
    notifications: { emails: ["platform-releases@example.com"] },
  },
  // The front end on CloudFront, the API behind it on /api/* (one origin for the browser) and still
  // on its own domain. The cheapest price class (North America, Europe, Israel).
  frontend: {
    enabled: true,
    // EXAMPLE: each environment sets its own name inside its zone.
    domain: "app.notes.example.com",
    priceClass: "PriceClass_100",
    spaRouting: true,
    contentSecurityPolicy:
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    accessLogRetentionDays: 30,
    wafRateLimit: 2000,
    apiPath: "/api/*",
    albExposure: "own-domain",
    // EXAMPLE: the front end's layout in the repository.
    build: { command: "cd web && npm ci && npm run build", outputDir: "web/dist", hashedAssets: "assets/*", filePaths: ["web/**"] },
  },
} satisfies Partial<EnvironmentInput>;

/** The state bucket and lock table, created once by the bootstrap stack. */
export const state: StateInput = {
  project: defaults.project,
  // EXAMPLE: the account that holds Terraform state (often a shared tooling account).
  accountId: EXAMPLE_ACCOUNT_IDS.state,
  region: defaults.region,
  // The state's live copy; set failover: true to switch every backend to it (docs/disaster-recovery.md).
  drRegion: defaults.drRegion,
  locking: "dynamodb",
  noncurrentVersionExpirationDays: 90,
  // GitHub Actions: pushes to main plan every environment and apply dev; test and prod apply only
  // in jobs of the GitHub environment of that name (give those required reviewers in GitHub).
  ci: { branch: "main", environments: ["test", "prod"] },
  // EXAMPLE: the public hosted zone of every environment's names, in prod's account: dev and test,
  // in accounts of their own, write their records there through the dns stack's roles.
  dns: {
    zone: "notes.example.com",
    accountId: EXAMPLE_ACCOUNT_IDS.prod,
    // The domain's zone exists already (registered with Route 53 or delegated there).
    createZone: false,
    // EXAMPLE: who runs `cdktf deploy <env>` by hand besides CI: IAM Identity Center administrators.
    operatorRoles: ["aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_AdministratorAccess_*"],
  },
};
