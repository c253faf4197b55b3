import { problemsWith } from "../helpers";

describe("app tier schema", () => {
  it("accepts the example app settings", () => {
    expect(problemsWith("prod", () => undefined)).toEqual([]);
  });

  it("rejects a privileged or impossible port", () => {
    expect(problemsWith("dev", (e) => (e.app.containerPort = 80))).toEqual(["dev: app.containerPort must be between 1024 and 65535, got 80"]);
    expect(problemsWith("dev", (e) => (e.app.containerPort = 70000))).toEqual(["dev: app.containerPort must be between 1024 and 65535, got 70000"]);
  });

  it("rejects a maximum below the minimum", () => {
    expect(problemsWith("dev", (e) => ((e.app.minTasks = 4), (e.app.maxTasks = 2)))).toEqual(["dev: app.maxTasks must be at least app.minTasks (4), got 2"]);
  });

  it("requires prod to scale to 4x its minimum", () => {
    expect(problemsWith("prod", (e) => (e.app.maxTasks = 11))).toEqual([
      "dev: app.maxTasks".replace("dev", "prod") + " must be at least 4x app.minTasks (12) in prod, to serve an event peak, got 11",
    ]);
  });

  it("rejects an unknown platform secret", () => {
    const problems = problemsWith("dev", (e) => (e.app.secrets = { DATABASE_URL: { platform: "databse" } }));
    expect(problems).toEqual([expect.stringMatching(/^dev: app.secrets.DATABASE_URL must be \{ arn: .* or \{ platform: "database" \}/)]);
  });

  it("rejects a secret given as something other than an ARN", () => {
    const problems = problemsWith("dev", (e) => (e.app.secrets = { API_TOKEN: { arn: "hunter2" } }));
    expect(problems).toEqual([
      "dev: app.secrets.API_TOKEN.arn must be a Secrets Manager secret ARN (arn:aws:secretsmanager:...) or an SSM parameter ARN (arn:aws:ssm:...:parameter/...)",
    ]);
  });

  it("refuses a secret of another account, saying where it must be and how to get it there", () => {
    expect(problemsWith("dev", (e) => (e.app.secrets = { API_TOKEN: { arn: "arn:aws:secretsmanager:eu-central-1:999999999999:secret:api-token" } }))).toEqual([
      expect.stringMatching(
        /^dev: app.secrets.API_TOKEN.arn must be in this environment's account 111111111111 and region eu-central-1, not account 999999999999 and region eu-central-1: .*replicate the secret/,
      ),
    ]);
  });

  it("refuses a parameter of another region", () => {
    expect(problemsWith("dev", (e) => (e.app.secrets = { API_TOKEN: { arn: "arn:aws:ssm:us-east-1:111111111111:parameter/api-token" } }))).toEqual([
      expect.stringMatching(
        /^dev: app.secrets.API_TOKEN.arn must be in this environment's account 111111111111 and region eu-central-1, not account 111111111111 and region us-east-1/,
      ),
    ]);
  });

  it("accepts a secret of the environment's own account and region", () => {
    expect(
      problemsWith(
        "dev",
        (e) => (e.app.secrets = { API_TOKEN: { arn: "arn:aws:secretsmanager:eu-central-1:111111111111:secret:api-token", jsonKey: "token" } }),
      ),
    ).toEqual([]);
  });

  it("never echoes a value given as a secret", () => {
    expect(problemsWith("dev", (e) => (e.app.secrets = { API_TOKEN: { arn: "hunter2" } })).join()).not.toContain("hunter2");
  });

  it("rejects environment values that would break the task definition expression", () => {
    expect(problemsWith("dev", (e) => (e.app.environment = { GREETING: 'say "hi"' }))).toEqual([
      expect.stringMatching(/^dev: app.environment.GREETING values may not hold/),
    ]);
    expect(problemsWith("dev", (e) => (e.app.environment = { SHARE: "50%{x}" }))).toHaveLength(1);
  });

  it("rejects a secret-looking plain environment variable", () => {
    expect(problemsWith("dev", (e) => (e.app.environment = { DB_PASSWORD: "x" }))).toEqual([
      'dev: app.environment.DB_PASSWORD looks like a secret: move it to app.secrets as an ARN reference; environment values are stored in plain text, got "DB_PASSWORD"',
    ]);
  });

  it("rejects a memory size Fargate does not offer for the CPU", () => {
    expect(problemsWith("test", (e) => ((e.app.cpu = 1024), (e.app.memoryMiB = 1024)))).toEqual([
      "test: app.memoryMiB must be 2048 to 8192 in steps of 1024 MiB for 1024 CPU units (Fargate task sizes), got 1024",
    ]);
  });

  it("keeps the business-hours floor within the task range", () => {
    expect(problemsWith("prod", (e) => (e.app.scaling.schedule.minTasks = 20))).toEqual([
      "prod: app.scaling.schedule.minTasks must be between app.minTasks (3) and app.maxTasks (12), got 20",
    ]);
  });

  it("requires the business hours to end after they start", () => {
    expect(problemsWith("prod", (e) => (e.app.scaling.schedule.end = "06:00"))).toEqual([
      'prod: app.scaling.schedule.end must be after start (07:00), got "06:00"',
    ]);
  });

  it("keeps on-demand tasks under prod", () => {
    expect(problemsWith("prod", (e) => (e.app.capacity.fargateBase = 0))).toEqual([
      "prod: app.capacity.fargateBase must be at least 1 in prod: Spot capacity can be reclaimed all at once, got 0",
    ]);
  });

  it("needs some capacity weight", () => {
    expect(problemsWith("dev", (e) => (e.app.capacity = { fargateBase: 0, fargateWeight: 0, spotWeight: 0 }))).toEqual([
      expect.stringMatching(/^dev: app.capacity needs a fargateWeight or spotWeight above 0/),
    ]);
  });

  it("accepts only TLS 1.3 listener policies", () => {
    expect(problemsWith("dev", (e) => (e.edge.sslPolicy = "ELBSecurityPolicy-2016-08"))).toEqual([
      'dev: edge.sslPolicy must be a TLS 1.3 policy, got "ELBSecurityPolicy-2016-08"',
    ]);
  });

  it("refuses ECS Exec on a read-only root filesystem, which AWS does not support", () => {
    expect(problemsWith("dev", (e) => ((e.app.execEnabled = true), (e.app.readOnlyRootFilesystem = true)))).toEqual([
      "dev: app.execEnabled cannot be on while app.readOnlyRootFilesystem is true: AWS does not support ECS Exec on a read-only root filesystem (its SSM agent writes into the container); " +
        "set app.execEnabled to false, or app.readOnlyRootFilesystem to false where a shell is worth a writable root (never prod), got true",
    ]);
  });

  it("allows ECS Exec outside prod with a writable root filesystem", () => {
    expect(problemsWith("dev", (e) => ((e.app.execEnabled = true), (e.app.readOnlyRootFilesystem = false)))).toEqual([]);
  });

  it("keeps prod's root filesystem read-only", () => {
    expect(problemsWith("prod", (e) => (e.app.readOnlyRootFilesystem = false))).toEqual([
      "prod: app.readOnlyRootFilesystem must be true in prod: a compromised app must not be able to change its own image (so no ECS Exec there), got false",
    ]);
  });

  it("takes block or count for the anonymous-IP rule group, and nothing else", () => {
    expect(problemsWith("prod", (e) => (e.edge.anonymousIpAction = "allow"))).toEqual([
      'prod: edge.anonymousIpAction must be "block" (WAF refuses VPNs, Tor, proxies and hosting providers) or "count" (it only counts them, to check first), got "allow"',
    ]);
  });

  it("rejects an unknown deployment strategy", () => {
    expect(problemsWith("dev", (e) => (e.app.deploymentStrategy = "SHADOW"))).toEqual([
      'dev: app.deploymentStrategy must be one of BLUE_GREEN, CANARY, LINEAR, ROLLING, got "SHADOW"',
    ]);
  });
});
