import { problemsWith } from "../helpers";

describe("environment schema", () => {
  it("accepts the example environments", () => {
    expect(problemsWith("dev", () => undefined)).toEqual([]);
  });

  it("names the environment, the field, what is allowed and the value", () => {
    expect(problemsWith("prod", (e) => (e.network.azCount = 1))).toContain("prod: network.azCount must be between 2 and 6, got 1");
  });

  it("reports every problem at once", () => {
    const problems = problemsWith("dev", (e) => {
      e.accountId = "123";
      e.region = "mars-1";
    });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^dev: accountId must be a 12-digit/), expect.stringMatching(/^dev: region must be an AWS region/)]),
    );
  });

  it("rejects unknown fields", () => {
    expect(problemsWith("dev", (e) => (e.netwrk = {}))).toEqual([expect.stringMatching(/^dev: \(top level\) Unrecognized key: "netwrk"/)]);
  });

  it("reports a missing field", () => {
    expect(problemsWith("dev", (e) => delete e.project)).toEqual([expect.stringMatching(/^dev: project .*got nothing$/)]);
  });

  it("rejects an invalid CIDR", () => {
    expect(problemsWith("dev", (e) => (e.network.cidr = "10.0.0.1/16"))).toEqual([expect.stringMatching(/^dev: network.cidr must be an IPv4 CIDR/)]);
  });

  it("rejects a VPC too small for the subnets", () => {
    expect(problemsWith("dev", (e) => (e.network.subnetNewBits.private = 2))).toEqual([expect.stringMatching(/^dev: network.cidr cannot hold the subnets/)]);
  });

  it("rejects subnets smaller than /28", () => {
    expect(problemsWith("dev", (e) => ((e.network.cidr = "10.0.0.0/20"), (e.network.subnetNewBits.public = 9)))).toEqual([
      expect.stringMatching(/^dev: network.cidr cannot hold the subnets \(public subnets would be \/29/),
    ]);
  });

  it("rejects a DR region equal to the region", () => {
    expect(problemsWith("dev", (e) => (e.drRegion = e.region))).toEqual([expect.stringMatching(/^dev: drRegion must differ from region/)]);
  });

  it("rejects a domain outside its hosted zone", () => {
    expect(problemsWith("dev", (e) => (e.dns.domain = "dev.other.org"))).toEqual([expect.stringMatching(/^dev: dns.domain must be notes.example.com or a name inside it/)]);
  });

  it("requires at least 3 AZs in prod", () => {
    expect(problemsWith("prod", (e) => (e.network.azCount = 2))).toEqual([expect.stringMatching(/^prod: network.azCount must be at least 3 in prod/)]);
  });

  it("requires a NAT gateway per AZ in prod", () => {
    expect(problemsWith("prod", (e) => (e.network.natGateways = "single"))).toEqual([expect.stringMatching(/^prod: network.natGateways must be perAz in prod/)]);
  });

  it("requires stateful resources protected in prod", () => {
    expect(problemsWith("prod", (e) => (e.protectStatefulResources = false))).toEqual([expect.stringMatching(/^prod: protectStatefulResources must be true in prod/)]);
  });

  it("keeps prod to the default workspace", () => {
    expect(problemsWith("prod", (e) => (e.workspaces.allowNonDefault = true))).toEqual([expect.stringMatching(/^prod: workspaces.allowNonDefault must be false in prod/)]);
  });

  it("keeps prod's security logs at least a year", () => {
    expect(problemsWith("prod", (e) => (e.network.flowLogRetentionDays = 90))).toEqual(["prod: network.flowLogRetentionDays must be at least 365 in prod: flow logs are security evidence, got 90"]);
    expect(problemsWith("prod", (e) => (e.edge.wafLogRetentionDays = 180))).toEqual(["prod: edge.wafLogRetentionDays must be at least 365 in prod: WAF logs are security evidence, got 180"]);
  });

  it("rejects a log retention CloudWatch does not accept, listing the allowed values", () => {
    expect(problemsWith("dev", (e) => (e.logRetentionDays = 10))).toEqual([expect.stringMatching(/^dev: logRetentionDays must be one of 1, 3, 5, 7, 14, .* got 10$/)]);
  });

  it("rejects fewer maximum tasks than minimum", () => {
    expect(problemsWith("dev", (e) => (e.app.maxTasks = 0))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^dev: app.maxTasks must be between 1 and 400/)]),
    );
    expect(problemsWith("dev", (e) => ((e.app.minTasks = 5), (e.app.maxTasks = 4)))).toEqual([expect.stringMatching(/^dev: app.maxTasks must be at least app.minTasks \(5\)/)]);
  });

  it("rejects a storage limit below the allocated storage", () => {
    expect(problemsWith("dev", (e) => (e.database.maxAllocatedStorageGiB = 10))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^dev: database.maxAllocatedStorageGiB must be/)]),
    );
  });

  it("rejects an environment listed under another name", () => {
    expect(problemsWith("test", (e) => (e.name = "dev"))).toEqual(['test: name must be "test", the environment it is listed as, got "dev"']);
  });
});
