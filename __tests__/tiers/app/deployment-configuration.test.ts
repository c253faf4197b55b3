import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { naming, parsed, synth } from "../../helpers";
import { DeploymentSettings, deploymentConfiguration, shiftsTraffic } from "../../../src/tiers/app/deployment-configuration";
import { DeploymentHookRole } from "../../../src/tiers/app/deployment-hook-role";

const HOOK = "arn:aws:lambda:eu-central-1:333333333333:function:notes-smoke-test";
const base: DeploymentSettings = { deploymentStrategy: "BLUE_GREEN", bakeTimeMinutes: 15 };

describe("deploymentConfiguration", () => {
  it("keeps ROLLING plain", () => {
    expect(deploymentConfiguration({ ...base, deploymentStrategy: "ROLLING" })).toEqual({ strategy: "ROLLING" });
  });

  it("gives BLUE_GREEN its bake time", () => {
    expect(deploymentConfiguration(base)).toEqual({ strategy: "BLUE_GREEN", bakeTimeInMinutes: "15" });
  });

  it("gives CANARY its share and bake", () => {
    expect(deploymentConfiguration({ ...base, deploymentStrategy: "CANARY", canary: { percent: 10, bakeTimeMinutes: 10 } })).toEqual({
      strategy: "CANARY",
      bakeTimeInMinutes: "15",
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: "10" },
    });
  });

  it("gives LINEAR its steps", () => {
    expect(deploymentConfiguration({ ...base, deploymentStrategy: "LINEAR", linear: { stepPercent: 25, stepBakeTimeMinutes: 5 } })).toEqual({
      strategy: "LINEAR",
      bakeTimeInMinutes: "15",
      linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: "5" },
    });
  });

  it("adds the test hook with the role ECS invokes it with", () => {
    const config = deploymentConfiguration({ ...base, testHook: { lambdaArn: HOOK, stage: "POST_SCALE_UP" } }, "arn:aws:iam::333333333333:role/hook");
    expect(config.lifecycleHook).toEqual([{ hookTargetArn: HOOK, lifecycleStages: ["POST_SCALE_UP"], roleArn: "arn:aws:iam::333333333333:role/hook" }]);
  });

  it("refuses a test hook without its role", () => {
    expect(() => deploymentConfiguration({ ...base, testHook: { lambdaArn: HOOK, stage: "POST_SCALE_UP" } })).toThrow(/needs the role ECS invokes it with/);
  });

  it("refuses CANARY without its settings", () => {
    expect(() => deploymentConfiguration({ ...base, deploymentStrategy: "CANARY" })).toThrow(/CANARY needs app.canary/);
  });

  it("refuses LINEAR without its settings", () => {
    expect(() => deploymentConfiguration({ ...base, deploymentStrategy: "LINEAR" })).toThrow(/LINEAR needs app.linear/);
  });

  it("shifts listener traffic for every strategy but ROLLING", () => {
    expect((["BLUE_GREEN", "CANARY", "LINEAR", "ROLLING"] as const).map(shiftsTraffic)).toEqual([true, true, true, false]);
  });
});

describe("DeploymentHookRole", () => {
  const json = synth((scope) => new DeploymentHookRole(scope, "hook", { naming, accountId: "333333333333", functionArn: `${HOOK}:live` }));
  const docs = () => parsed(json).data.aws_iam_policy_document;

  it("is assumed by ECS of this account only", () => {
    const trust = Object.values<any>(docs()).find((d) => d.statement[0].actions[0] === "sts:AssumeRole");
    expect(trust.statement[0]).toMatchObject({
      principals: [{ type: "Service", identifiers: ["ecs.amazonaws.com"] }],
      condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["333333333333"] }],
    });
  });

  it("may invoke the hook function and its versions, nothing else", () => {
    const permissions = Object.values<any>(docs()).find((d) => d.statement[0].sid === "InvokeTestHook");
    expect(permissions.statement).toEqual([{ sid: "InvokeTestHook", actions: ["lambda:InvokeFunction"], resources: [HOOK, `${HOOK}:*`] }]);
    expect(json).toHaveResourceWithProperties(IamRolePolicy, { name: "invoke-test-hook" });
  });
});
