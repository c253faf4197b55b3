import { parsed } from "./helpers";
import { PlatformContext } from "../src/context";
import { environment, synthTiers } from "./support/tiers";

describe("createPlatformContext", () => {
  const held: { context?: PlatformContext } = {};
  const json = synthTiers("prod", (_scope, context) => {
    held.context = context;
  });
  const context = held.context as PlatformContext;

  it("takes account, regions and protection from the environment", () => {
    const env = environment("prod");
    expect(context).toMatchObject({
      environment: "prod",
      accountId: env.accountId,
      region: env.region,
      drRegion: env.drRegion,
      protect: env.protectStatefulResources,
    });
  });

  it("names resources after the environment", () => {
    expect(context.naming.name("snsTopic", "alarms")).toBe("notes-prod-alarms");
  });

  it("sends every alarm's transitions to the alarm topic", () => {
    expect(context.alarmActions).toHaveLength(1);
    expect(context.alarmActions[0]).toMatch(/^\$\{TfToken\[/);
  });

  it("creates the workspace rules, the logs key and the alarm topic once, at the stack's root", () => {
    const resource = parsed(json).resource;
    expect(Object.keys(resource.aws_kms_key)).toEqual(expect.arrayContaining([expect.stringMatching(/^logs-key_/), expect.stringMatching(/^alarms_key_/)]));
    expect(Object.keys(resource.aws_sns_topic)).toEqual([expect.stringMatching(/^alarms_topic_/)]);
  });
});
