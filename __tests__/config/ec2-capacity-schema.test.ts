import { INSTANCE_TYPES, schedulableMemoryMiB, tasksPerHost } from "../../src/config/instance-types";
import { problemsWith } from "../helpers";

const ec2 = (e: any, overrides: object = {}) => {
  e.app.capacity = {
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
      ...overrides,
    },
  };
};

describe("EC2 capacity schema", () => {
  it("accepts the write-up's hosts: two 256/512 tasks on each 2-vCPU, 2-GiB host", () => {
    expect(problemsWith("dev", (e) => ec2(e))).toEqual([]);
    expect(tasksPerHost(INSTANCE_TYPES["t3.small"], 256, 512)).toBe(2);
  });

  it("counts the memory ECS can schedule: less the OS share and the agent's reserve", () => {
    expect(schedulableMemoryMiB(INSTANCE_TYPES["t3.small"])).toBe(1689);
  });

  it("rejects a task that fits no host of the type", () => {
    expect(problemsWith("dev", (e) => (ec2(e), (e.app.cpu = 1024), (e.app.memoryMiB = 2048)))).toEqual([
      'dev: app.capacity.ec2.instanceTypes.0 cannot hold a task of 1024 CPU units and 2048 MiB (src/config/instance-types.ts: CPU, memory less the ECS reserve, ENIs); choose a larger type, got "t4g.small"',
    ]);
  });

  it("needs hosts for twice the maximum task count: a release runs old and new tasks side by side", () => {
    expect(problemsWith("dev", (e) => ec2(e, { maxHosts: 3 }))).toEqual([
      "dev: app.capacity.ec2.maxHosts must be at least 4: a release at app.maxTasks (4) runs twice as many tasks, old and new side by side, at 2 task(s) per host, got 3",
    ]);
  });

  it("rejects an instance type of the other architecture", () => {
    expect(problemsWith("dev", (e) => ec2(e, { instanceTypes: ["t3.small"] }))).toEqual([
      'dev: app.capacity.ec2.instanceTypes.0 is X86_64, but app.cpuArchitecture is ARM64: the image runs on one architecture, got "t3.small"',
    ]);
  });

  it("rejects an instance type outside the table", () => {
    expect(problemsWith("dev", (e) => ec2(e, { instanceTypes: ["x2iedn.32xlarge"] }))).toEqual([
      expect.stringMatching(/^dev: app.capacity.ec2.instanceTypes.0 must be one of t3.small, /),
    ]);
  });

  it("needs an instance type", () => {
    expect(problemsWith("dev", (e) => ec2(e, { instanceTypes: [] }))).toEqual([
      "dev: app.capacity.ec2.instanceTypes must name at least one instance type, got []",
    ]);
  });

  it("refuses Fargate weights beside EC2 in the service's strategy", () => {
    expect(problemsWith("dev", (e) => (ec2(e), (e.app.capacity.spotWeight = 3)))).toEqual([
      "dev: app.capacity.spotWeight must be 0 with app.capacity.ec2: a service's capacity provider strategy cannot mix Fargate and Auto Scaling group providers, got 3",
    ]);
  });

  it("rejects a maximum below the minimum of hosts", () => {
    expect(problemsWith("dev", (e) => ec2(e, { minHosts: 5, maxHosts: 4 }))).toEqual([
      "dev: app.capacity.ec2.maxHosts must be at least app.capacity.ec2.minHosts (5), got 4",
    ]);
  });

  it("rejects an on-demand base above the maximum", () => {
    expect(problemsWith("dev", (e) => ec2(e, { onDemandBase: 5 }))).toEqual([
      "dev: app.capacity.ec2.onDemandBase must be at most app.capacity.ec2.maxHosts (4), got 5",
    ]);
  });

  it("keeps on-demand hosts under prod", () => {
    expect(problemsWith("prod", (e) => ec2(e, { instanceTypes: ["m7g.large"], minHosts: 2, maxHosts: 12 }))).toEqual([
      "prod: app.capacity.ec2.onDemandBase must be at least 1 in prod: Spot capacity can be reclaimed all at once, got 0",
    ]);
  });

  it("keeps the on-demand share a percentage", () => {
    expect(problemsWith("dev", (e) => ec2(e, { onDemandPercentAboveBase: 101 }))).toEqual([
      "dev: app.capacity.ec2.onDemandPercentAboveBase must be between 0 and 100, got 101",
    ]);
  });

  it("rejects an unknown Spot allocation strategy", () => {
    expect(problemsWith("dev", (e) => ec2(e, { spotAllocationStrategy: "cheapest" }))).toEqual([
      expect.stringMatching(/^dev: app.capacity.ec2.spotAllocationStrategy must be one of price-capacity-optimized/),
    ]);
  });

  it("keeps managed scaling's target within 1-100 %", () => {
    expect(problemsWith("dev", (e) => ec2(e, { targetCapacityPercent: 0 }))).toEqual([
      "dev: app.capacity.ec2.targetCapacityPercent must be between 1 and 100, got 0",
    ]);
  });
});
