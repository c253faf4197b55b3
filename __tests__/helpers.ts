import "cdktf/lib/testing/adapters/jest";
import { Construct } from "constructs";
import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { environments, state } from "../environments";
import { ConfigError, loadConfig } from "../src/config/load";
import { EnvironmentConfig, StateConfig } from "../src/config/schema";
import { Naming } from "../src/naming";

/** The name of an environment of environments/index.ts. */
export type EnvironmentName = keyof typeof environments;

/** The validated example configuration. */
export function exampleConfig(): { environments: Record<EnvironmentName, EnvironmentConfig>; state: StateConfig } {
  const config = loadConfig(environments, state);
  const byName = Object.fromEntries(config.environments.map((e) => [e.name, e])) as Record<EnvironmentName, EnvironmentConfig>;
  return { environments: byName, state: config.state };
}

/** A deep copy of an example environment's raw input, to break in a test. */
export function rawEnvironment(name: EnvironmentName): any {
  return structuredClone(environments[name]);
}

export function rawState(): any {
  return structuredClone(state);
}

export const naming = new Naming({ project: "notes", environment: "dev" });

/** Synthesizes what `build` puts in a scope that has an AWS provider; returns the JSON string. */
export function synth(build: (scope: Construct) => void): string {
  return Testing.synthScope((scope) => {
    new AwsProvider(scope, "aws", { region: "eu-central-1" });
    build(scope);
  });
}

/** The synthesized JSON parsed, for assertions the matchers cannot express. */
export function parsed(json: string): any {
  return JSON.parse(json);
}

/** All resources of one type in a synthesized JSON, as an array. */
export function resources(json: string, type: string): any[] {
  return Object.values(parsed(json).resource?.[type] ?? {});
}

/** The problems loadConfig reports when `name`'s raw config is changed by `mutate`. */
export function problemsWith(name: EnvironmentName, mutate: (env: any) => void): string[] {
  const env = rawEnvironment(name);
  mutate(env);
  try {
    loadConfig({ ...environments, [name]: env }, rawState());
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}
