import { ConfigError, loadConfig } from "../../src/config/load";
import { environments, state } from "../../environments";
import { rawState } from "../helpers";

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
    expect(loadConfig(environments, state).stacks).toEqual(["dev", "test", "prod", "bootstrap", "ci-dev", "ci-test", "ci-prod"]);
  });

  it("limits the stacks to a comma-separated selection", () => {
    const config = loadConfig(environments, state, " prod,dev ");
    expect(config.stacks).toEqual(["dev", "prod"]);
    expect(config.environments.map((e) => e.name)).toEqual(["dev", "prod"]);
  });

  it("names an unknown stack, the choices, where the environments are defined and how to add one", () => {
    expect(error(() => loadConfig(environments, state, "dev,staging")).problems).toEqual([
      'ENVIRONMENTS: unknown stack "staging"; choose from dev, test, prod, bootstrap, ci-dev, ci-test, ci-prod (comma-separated), or leave it unset for all. ' +
        "The environments are ENVIRONMENT_NAMES in src/config/schema.ts; to add one, add its name there, write environments/<name>.ts (like environments/test.ts) and list it in environments/index.ts",
    ]);
  });

  it("suggests the stack an unknown name is closest to", () => {
    expect(error(() => loadConfig(environments, state, "prd")).problems[0]).toMatch(/^ENVIRONMENTS: unknown stack "prd" \(did you mean "prod"\?\); choose from/);
  });

  it("refuses an environment listed in environments/index.ts but not among the names, saying where they are defined", () => {
    expect(error(() => loadConfig({ ...environments, staging: environments.test }, state)).problems).toEqual([
      "staging: not an environment name (dev, test, prod). The environments are ENVIRONMENT_NAMES in src/config/schema.ts; to add one, add its name there, write environments/<name>.ts (like environments/test.ts) and list it in environments/index.ts",
    ]);
  });

  it("requires every environment", () => {
    const { prod: _prod, ...rest } = environments;
    expect(error(() => loadConfig(rest, state)).problems).toEqual(["prod: missing: add environments/prod.ts and list it in environments/index.ts"]);
  });

  it("validates the state settings", () => {
    const bad = { ...rawState(), locking: "consul" };
    expect(error(() => loadConfig(environments, bad)).problems).toEqual(['state: locking must be one of dynamodb, s3, both, got "consul"']);
  });

  it("refuses a wildcard in the CI branch, which would widen the roles' trust", () => {
    const bad = { ...rawState(), ci: { branch: "*", environments: ["prod"] } };
    expect(error(() => loadConfig(environments, bad)).problems).toEqual(['state: ci.branch must be a branch name (letters, digits and ._/-, no wildcards), got "*"']);
  });

  it("accepts only this project's environments as CI approval gates", () => {
    const bad = { ...rawState(), ci: { branch: "main", environments: ["prod", "staging"] } };
    expect(error(() => loadConfig(environments, bad)).problems).toEqual(['state: ci.environments.1 must be one of dev, test, prod, got "staging"']);
  });

  it("refuses a CI approval gate listed twice", () => {
    const bad = { ...rawState(), ci: { branch: "main", environments: ["prod", "prod"] } };
    expect(error(() => loadConfig(environments, bad)).problems).toEqual(['state: ci.environments must not repeat an environment, got ["prod","prod"]']);
  });

  it("puts every problem in the message", () => {
    const bad = { ...rawState(), accountId: "1", region: "x" };
    expect(error(() => loadConfig(environments, bad)).message).toMatch(/invalid configuration:\n  - state: accountId .*\n  - state: region /);
  });
});
