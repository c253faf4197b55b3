import { Naming, NamingError, checkName, checkNamePrefix, shortNamePrefix } from "../src/naming";

describe("Naming", () => {
  const naming = new Naming({ project: "notes", environment: "dev" });

  it("prefixes project and environment", () => {
    expect(naming.name("loadBalancer", "alb")).toBe("notes-dev-alb");
  });

  it("inserts the workspace suffix after the environment", () => {
    const ws = new Naming({ project: "notes", environment: "dev", workspaceSuffix: "${local.s}", workspaceSuffixMaxLength: 11 });
    expect(ws.name("iamRole", "task")).toBe("notes-dev${local.s}-task");
  });

  it("fails at synth on a name longer than AWS allows", () => {
    expect(() => naming.name("loadBalancer", "a-very-long-load-balancer-name")).toThrow(NamingError);
    expect(() => naming.name("loadBalancer", "a-very-long-load-balancer-name")).toThrow(/is 40 characters; a loadBalancer name allows at most 32/);
  });

  it("counts the room the workspace may take", () => {
    const ws = new Naming({ project: "notes", environment: "dev", workspaceSuffix: "x", workspaceSuffixMaxLength: 11 });
    expect(() => ws.name("targetGroup", "app-blue-green")).toThrow(/plus up to 11 for the workspace/);
  });

  it("builds a name prefix, with the workspace after the environment and a hyphen before Terraform's suffix", () => {
    const ws = new Naming({ project: "notes", environment: "dev", workspaceSuffix: "${local.s}", workspaceSuffixMaxLength: 11 });
    expect(ws.namePrefix("securityGroup", "app")).toBe("notes-dev${local.s}-app-");
  });

  it("counts the 26 characters Terraform appends to a name prefix", () => {
    expect(() => naming.namePrefix("targetGroup", "blue")).toThrow(
      /is 15 characters; a targetGroup name_prefix allows at most 6 \(32 less the 26 Terraform appends\)/,
    );
  });

  it("checks a short literal prefix against the kind's rule", () => {
    expect(shortNamePrefix("targetGroup", "green-")).toBe("green-");
    expect(() => shortNamePrefix("targetGroup", "purple-")).toThrow(/name prefix "purple-" is 7 characters; a targetGroup name_prefix allows at most 6/);
  });

  it("rejects a prefix whose characters the kind does not allow", () => {
    expect(checkNamePrefix("dbParameterGroup", "Notes-")).toMatch(/may only hold lowercase letters/);
  });

  it("rejects characters the kind does not allow", () => {
    expect(() => naming.name("s3Bucket", "Logs")).toThrow(/may only hold lowercase letters/);
  });

  it("builds KMS aliases and log group paths", () => {
    expect(naming.kmsAlias("logs")).toBe("alias/notes-dev/logs");
    expect(naming.logGroup("vpc", "flow-logs")).toBe("/notes/dev/vpc/flow-logs");
  });

  it("builds metric namespaces, with the workspace after the environment", () => {
    expect(naming.metricNamespace("Audit")).toBe("notes/dev/Audit");
    const ws = new Naming({ project: "notes", environment: "dev", workspaceSuffix: "${local.s}", workspaceSuffixMaxLength: 11 });
    expect(ws.metricNamespace("Audit")).toBe("notes/dev${local.s}/Audit");
  });

  it("checks CloudTrail trail and metric filter names", () => {
    expect(naming.name("cloudTrail", "audit")).toBe("notes-dev-audit");
    expect(checkName("cloudTrail", "notes-dev-audit-")).toMatch(/may only hold letters, digits and \._-, starting and ending with a letter or digit/);
    expect(checkName("metricFilter", "audit:root")).toMatch(/may only hold any characters but : and \*/);
    expect(checkName("metricNamespace", "AWS/Audit")).toMatch(/not starting with AWS\//);
  });

  it("holds RDS and ElastiCache identifiers to their rules", () => {
    expect(checkName("rdsIdentifier", "notes-dev-database")).toBeUndefined();
    expect(checkName("rdsIdentifier", "notes-dev--database")).toMatch(/without a trailing or double hyphen/);
    expect(checkName("rdsIdentifier", "1notes")).toMatch(/starting with a letter/);
    expect(checkName("elasticacheReplicationGroup", `notes-dev-${"c".repeat(31)}`)).toMatch(/allows at most 40/);
    expect(checkName("backupVault", "notes-dev-backup-dr")).toBeUndefined();
  });

  it("checks the pipeline's names: a CodeStar connection name allows 32 characters", () => {
    expect(naming.name("codestarConnection", "github")).toBe("notes-dev-github");
    expect(() => naming.name("codestarConnection", "github-connection-names")).toThrow(/a codestarConnection name allows at most 32/);
    expect(() => naming.name("codebuildProject", "app image")).toThrow(/may only hold letters, digits, _ and -/);
  });

  it("checks the minimum length", () => {
    expect(checkName("s3Bucket", "ab")).toMatch(/needs at least 3/);
  });
});
