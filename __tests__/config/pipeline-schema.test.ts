import { problemsWith } from "../helpers";

describe("pipeline schema", () => {
  it("accepts the example pipeline settings of every environment", () => {
    for (const name of ["dev", "test", "prod"] as const) expect(problemsWith(name, () => undefined)).toEqual([]);
  });

  it("accepts a Slack channel and a branch of its own", () => {
    expect(
      problemsWith("prod", (e) => {
        e.pipeline.branch = "release/prod";
        e.pipeline.notifications = { slack: { teamId: "T07EA123LEP", channelId: "C07EZ1ABC23", region: "eu-west-1" } };
      }),
    ).toEqual([]);
  });

  it.each(["dev", "prod"] as const)("requires someone to hear of %s's releases", (name) => {
    const approvals = name === "prod" ? " or be asked to approve them" : "";
    expect(problemsWith(name, (e) => (e.pipeline.notifications = {}))).toEqual([
      `${name}: pipeline.notifications must name emails or slack: nobody would hear of releases${approvals}, got {}`,
    ]);
    expect(problemsWith(name, (e) => (e.pipeline.notifications = { emails: [] }))).toHaveLength(1);
  });

  it("rejects a malformed or repeated release address", () => {
    expect(problemsWith("dev", (e) => (e.pipeline.notifications = { emails: ["releases-at-example.com"] }))).toEqual([
      'dev: pipeline.notifications.emails.0 must be email addresses such as releases@example.com, got "releases-at-example.com"',
    ]);
    expect(problemsWith("dev", (e) => (e.pipeline.notifications = { emails: ["a@example.com", "a@example.com"] }))).toEqual([
      'dev: pipeline.notifications.emails must not repeat an address, got ["a@example.com","a@example.com"]',
    ]);
  });

  it("requires an approval in prod", () => {
    expect(problemsWith("prod", (e) => (e.pipeline.requireApproval = false))).toEqual([
      "prod: pipeline.requireApproval must be true in prod: a person approves every release before it migrates and deploys, got false",
    ]);
  });

  it("releases no image with a critical finding to prod", () => {
    expect(problemsWith("prod", (e) => (e.pipeline.imageScan.maxCritical = 1))).toEqual([
      "prod: pipeline.imageScan.maxCritical must be 0 in prod: no image with a critical finding is released, got 1",
    ]);
  });

  it("rejects a negative scan threshold", () => {
    expect(problemsWith("dev", (e) => (e.pipeline.imageScan.maxHigh = -1))).toEqual(["dev: pipeline.imageScan.maxHigh must be between 0 and 100000, got -1"]);
  });

  it("rejects an unknown compute type", () => {
    expect(problemsWith("dev", (e) => (e.pipeline.computeType = "BUILD_GENERAL1_HUGE"))).toEqual([
      'dev: pipeline.computeType must be one of BUILD_GENERAL1_SMALL, BUILD_GENERAL1_MEDIUM, BUILD_GENERAL1_LARGE, BUILD_GENERAL1_XLARGE, BUILD_GENERAL1_2XLARGE, got "BUILD_GENERAL1_HUGE"',
    ]);
  });

  it("rejects a branch name git would refuse", () => {
    expect(problemsWith("dev", (e) => (e.pipeline.branch = "feature..x"))).toEqual([
      'dev: pipeline.branch must be a git branch name such as main, got "feature..x"',
    ]);
    expect(problemsWith("dev", (e) => (e.pipeline.branch = "main/"))).toEqual(['dev: pipeline.branch must be a git branch name such as main, got "main/"']);
  });

  it("rejects trigger paths CodePipeline would refuse", () => {
    expect(problemsWith("dev", (e) => (e.pipeline.filePaths = ["/app/**"]))).toEqual([
      'dev: pipeline.filePaths.0 must be repository-relative globs such as app/**, got "/app/**"',
    ]);
    expect(problemsWith("dev", (e) => (e.pipeline.filePaths = Array.from({ length: 9 }, (_, i) => `dir${i}/**`)))).toEqual([
      expect.stringMatching(/^dev: pipeline\.filePaths must hold at most 8 globs \(CodePipeline's limit per trigger\), got \["dir0\/\*\*"/),
    ]);
    expect(problemsWith("dev", (e) => (e.pipeline.filePaths = ["app/**", "app/**"]))).toEqual([
      'dev: pipeline.filePaths must not repeat a glob, got ["app/**","app/**"]',
    ]);
  });

  it("rejects empty or multi-line commands", () => {
    expect(problemsWith("dev", (e) => (e.pipeline.testCommand = ""))).toEqual(['dev: pipeline.testCommand must not be empty, got ""']);
    expect(problemsWith("dev", (e) => (e.pipeline.migrationCommand = "npm ci\nnpm run migrate"))).toEqual([
      'dev: pipeline.migrationCommand must be one line: chain steps with &&, got "npm ci\nnpm run migrate"',
    ]);
  });

  it("keeps the report and build paths inside the repository", () => {
    expect(problemsWith("dev", (e) => (e.pipeline.testReportsDirectory = "../reports"))).toEqual([
      'dev: pipeline.testReportsDirectory must be a path inside the repository such as app/reports, without .. or a leading /, got "../reports"',
    ]);
    expect(problemsWith("dev", (e) => (e.pipeline.dockerContext = "/app"))).toEqual([
      'dev: pipeline.dockerContext must be a path inside the repository such as app, without .. or a leading /, got "/app"',
    ]);
  });

  it("keeps artifacts at least a day", () => {
    expect(problemsWith("dev", (e) => (e.pipeline.artifactRetentionDays = 0))).toEqual([
      "dev: pipeline.artifactRetentionDays must be between 1 and 3650, got 0",
    ]);
  });

  it("checks the Slack channel settings", () => {
    const problems = problemsWith("dev", (e) => (e.pipeline.notifications = { slack: { teamId: "acme", channelId: "C07EZ1ABC23", region: "eu-central-1" } }));
    expect(problems).toEqual([
      'dev: pipeline.notifications.slack.teamId must be a Slack workspace (team) id such as T07EA123LEP, got "acme"',
      'dev: pipeline.notifications.slack.region must be one of us-east-2, us-west-2, eu-west-1, ap-southeast-1 (where the Chatbot API is served), got "eu-central-1"',
    ]);
  });

  it("rejects unknown settings and a missing pipeline", () => {
    expect(problemsWith("dev", (e) => (e.pipeline.executionMode = "PARALLEL"))).toEqual([
      expect.stringMatching(/^dev: pipeline has an unknown key "executionMode"; known keys: branch, filePaths,/),
    ]);
    expect(problemsWith("dev", (e) => delete e.pipeline)).toEqual([
      "dev: pipeline is required: the release pipeline from GitHub to the app's service (an object)",
    ]);
  });
});
