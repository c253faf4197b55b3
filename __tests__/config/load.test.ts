import { ConfigError, loadConfig } from "../../src/config/load";
import { environments, state } from "../../environments";
import { rawEnvironment, rawState } from "../helpers";

const NAMES = Object.keys(environments);
const STACKS = [...NAMES, "bootstrap", "dns", ...NAMES.map((e) => `ci-${e}`)];

/** A copy of test named `name`, with names of its own in the zone (README, "Adding an environment"). */
function copyOfTest(name: string): any {
  const env = rawEnvironment("test");
  return { ...env, name, dns: { ...env.dns, domain: `${name}.notes.example.com` }, frontend: { ...env.frontend, domain: `app.${name}.notes.example.com` } };
}

function error(run: () => unknown): ConfigError {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("selects every stack when no selection is given", () => {
    expect(loadConfig(environments, state).stacks).toEqual(STACKS);
  });

  it("limits the stacks to a comma-separated selection", () => {
    const config = loadConfig(environments, state, " prod,dev ");
    expect(config.stacks).toEqual(["dev", "prod"]);
    expect(config.environments.map((e) => e.name)).toEqual(["dev", "prod"]);
  });

  it("names an unknown stack, the choices, where the environments are defined and how to add one", () => {
    expect(error(() => loadConfig(environments, state, "dev,nosuchenv")).problems).toEqual([
      `ENVIRONMENTS: unknown stack "nosuchenv"; choose from ${STACKS.join(", ")} (comma-separated), or leave it unset for all. ` +
        "The environments are the keys of environments/index.ts; to add one, write environments/<name>.ts (like environments/test.ts) and list it in environments/index.ts",
    ]);
  });

  it("suggests the stack an unknown name is closest to", () => {
    expect(error(() => loadConfig(environments, state, "prd")).problems[0]).toMatch(
      /^ENVIRONMENTS: unknown stack "prd" \(did you mean "prod"\?\); choose from/,
    );
  });

  it("takes its environments from the data: one more is one more stack and CI access stack", () => {
    const extra = copyOfTest("extra");
    const config = loadConfig({ ...environments, extra }, state);
    expect(config.stacks).toEqual([...NAMES, "extra", "bootstrap", "dns", ...NAMES.map((e) => `ci-${e}`), "ci-extra"]);
  });

  it("requires an environment", () => {
    expect(error(() => loadConfig({}, state)).problems).toEqual(["environments: none: add environments/<name>.ts and list it in environments/index.ts"]);
  });

  it("refuses an environment named like the bootstrap stack", () => {
    const bootstrap = copyOfTest("bootstrap");
    expect(error(() => loadConfig({ ...environments, bootstrap }, state)).problems).toEqual([
      "bootstrap: is the state bootstrap stack's name: call the environment something else",
    ]);
  });

  it("refuses an environment named like the hosted zone's stack", () => {
    const dns = copyOfTest("dns");
    expect(error(() => loadConfig({ ...environments, dns }, state)).problems).toEqual([
      "dns: is the hosted zone stack's name: call the environment something else",
    ]);
  });

  it("refuses an environment name that cannot be part of every resource name", () => {
    const bad = { ...rawEnvironment("test"), name: "Stage_1" };
    expect(error(() => loadConfig({ ...environments, Stage_1: bad }, state)).problems).toEqual([
      'Stage_1: name must be 2-10 lowercase letters or digits, starting with a letter, got "Stage_1"',
    ]);
  });

  it("validates the state settings", () => {
    const bad = { ...rawState(), locking: "consul" };
    expect(error(() => loadConfig(environments, bad)).problems).toEqual(['state: locking must be one of dynamodb, s3, both, got "consul"']);
  });

  it("refuses a wildcard in the CI branch, which would widen the roles' trust", () => {
    const bad = { ...rawState(), ci: { branch: "*", environments: ["prod"] } };
    expect(error(() => loadConfig(environments, bad)).problems).toEqual([
      'state: ci.branch must be a branch name (letters, digits and ._/-, no wildcards), got "*"',
    ]);
  });

  it("accepts only this project's environments as CI approval gates", () => {
    const bad = { ...rawState(), ci: { branch: "main", environments: ["prod", "nosuchenv"] } };
    expect(error(() => loadConfig(environments, bad)).problems).toEqual([`state: ci.environments.1 must be one of ${NAMES.join(", ")}, got "nosuchenv"`]);
  });

  it("refuses a CI approval gate listed twice", () => {
    const bad = { ...rawState(), ci: { branch: "main", environments: ["prod", "prod"] } };
    expect(error(() => loadConfig(environments, bad)).problems).toEqual(['state: ci.environments must not repeat an environment, got ["prod","prod"]']);
  });

  it("puts every problem in the message", () => {
    const bad = { ...rawState(), accountId: "1", region: "x" };
    expect(error(() => loadConfig(environments, bad)).message).toMatch(/invalid configuration:\n {2}- state: accountId .*\n {2}- state: region /);
  });
});
