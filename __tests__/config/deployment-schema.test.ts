import { problemsWith } from "../helpers";

const HOOK = "arn:aws:lambda:eu-central-1:333333333333:function:notes-smoke-test";
// Each test sets the strategy and its settings itself: prod's own strategy may change.
const strategy = (e: any, deploymentStrategy: string) => {
  e.app.deploymentStrategy = deploymentStrategy;
  delete e.app.canary;
  delete e.app.linear;
};
const canary = (e: any) => (strategy(e, "CANARY"), (e.app.canary = { percent: 10, bakeTimeMinutes: 10 }));
const linear = (e: any) => (strategy(e, "LINEAR"), (e.app.linear = { stepPercent: 25, stepBakeTimeMinutes: 5 }));

describe("deployment strategy schema", () => {
  it("accepts a canary", () => {
    expect(problemsWith("prod", canary)).toEqual([]);
  });

  it("accepts linear steps", () => {
    expect(problemsWith("prod", linear)).toEqual([]);
  });

  it("needs the canary's settings for CANARY", () => {
    expect(problemsWith("prod", (e) => strategy(e, "CANARY"))).toEqual([
      "prod: app.canary must be set for deploymentStrategy CANARY, e.g. { percent: 10, bakeTimeMinutes: 10 }, got nothing",
    ]);
  });

  it("needs the steps for LINEAR", () => {
    expect(problemsWith("prod", (e) => strategy(e, "LINEAR"))).toEqual([
      "prod: app.linear must be set for deploymentStrategy LINEAR, e.g. { stepPercent: 25, stepBakeTimeMinutes: 5 }, got nothing",
    ]);
  });

  it("refuses canary settings another strategy would ignore", () => {
    expect(problemsWith("prod", (e) => (strategy(e, "BLUE_GREEN"), (e.app.canary = { percent: 10, bakeTimeMinutes: 10 })))).toEqual([
      'prod: app.canary is only read by deploymentStrategy CANARY; remove it or change the strategy (BLUE_GREEN), got {"percent":10,"bakeTimeMinutes":10}',
    ]);
  });

  it("refuses linear settings another strategy would ignore", () => {
    expect(problemsWith("prod", (e) => (strategy(e, "BLUE_GREEN"), (e.app.linear = { stepPercent: 25, stepBakeTimeMinutes: 5 })))).toEqual([
      'prod: app.linear is only read by deploymentStrategy LINEAR; remove it or change the strategy (BLUE_GREEN), got {"stepPercent":25,"stepBakeTimeMinutes":5}',
    ]);
  });

  it("keeps the canary share within ECS's 0.1-100 %", () => {
    expect(problemsWith("prod", (e) => (canary(e), (e.app.canary.percent = 0)))).toEqual(["prod: app.canary.percent must be between 0.1 and 100, got 0"]);
    expect(problemsWith("prod", (e) => (canary(e), (e.app.canary.percent = 101)))).toEqual(["prod: app.canary.percent must be between 0.1 and 100, got 101"]);
  });

  it("keeps the canary's bake within 0-1440 minutes", () => {
    expect(problemsWith("prod", (e) => (canary(e), (e.app.canary.bakeTimeMinutes = 1441)))).toEqual([
      "prod: app.canary.bakeTimeMinutes must be between 0 and 1440, got 1441",
    ]);
  });

  it("keeps a linear step within ECS's 3-100 %", () => {
    expect(problemsWith("prod", (e) => (linear(e), (e.app.linear.stepPercent = 2)))).toEqual(["prod: app.linear.stepPercent must be between 3 and 100, got 2"]);
  });

  it("keeps a linear step's bake within 0-1440 minutes", () => {
    expect(problemsWith("prod", (e) => (linear(e), (e.app.linear.stepBakeTimeMinutes = -1)))).toEqual([
      "prod: app.linear.stepBakeTimeMinutes must be between 0 and 1440, got -1",
    ]);
  });

  it("accepts a test hook on a canary", () => {
    expect(problemsWith("prod", (e) => (canary(e), (e.app.testHook = { lambdaArn: HOOK, stage: "POST_SCALE_UP" })))).toEqual([]);
  });

  it("refuses a test hook on ROLLING, where ECS runs none", () => {
    expect(
      problemsWith(
        "test",
        (e) => (strategy(e, "ROLLING"), (e.app.testHook = { lambdaArn: HOOK.replace("333333333333", "222222222222"), stage: "POST_SCALE_UP" })),
      ),
    ).toEqual([expect.stringMatching(/^test: app.testHook needs deploymentStrategy BLUE_GREEN, CANARY or LINEAR: ECS runs lifecycle hooks only there/)]);
  });

  it("rejects a hook that is not a Lambda function ARN", () => {
    expect(problemsWith("prod", (e) => (canary(e), (e.app.testHook = { lambdaArn: "smoke-test", stage: "POST_SCALE_UP" })))).toEqual([
      'prod: app.testHook.lambdaArn must be a Lambda function ARN such as arn:aws:lambda:eu-central-1:111111111111:function:smoke-test, got "smoke-test"',
    ]);
  });

  it("rejects a hook in another region", () => {
    expect(
      problemsWith("prod", (e) => (canary(e), (e.app.testHook = { lambdaArn: HOOK.replace("eu-central-1", "us-east-1"), stage: "POST_SCALE_UP" }))),
    ).toEqual([`prod: app.testHook.lambdaArn must be a function in the environment's region eu-central-1, got "${HOOK.replace("eu-central-1", "us-east-1")}"`]);
  });

  it("rejects a stage that needs a test listener", () => {
    expect(problemsWith("prod", (e) => (canary(e), (e.app.testHook = { lambdaArn: HOOK, stage: "POST_TEST_TRAFFIC_SHIFT" })))).toEqual([
      expect.stringMatching(
        /^prod: app.testHook.stage must be one of RECONCILE_SERVICE, PRE_SCALE_UP, POST_SCALE_UP, PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT/,
      ),
    ]);
  });
});
