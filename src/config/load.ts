import { z } from "zod";
import { closest } from "../closest";
import { explainIssue, isMissing } from "./issues";
import { DnsConfig, environmentNames } from "./dns-schema";
import { EnvironmentConfig, StateConfig, environmentSchema, stateSchema } from "./schema";

/** A configuration that must not be synthesized; `problems` lists every one found, not just the first. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** The one stack that is not an environment's: the state bucket, lock table and CI roles. */
const BOOTSTRAP = "bootstrap";
/** The stack of the platform's hosted zone and the environments' record-writer roles, in the zone's account. */
const DNS = "dns";

/** Where the environment names are defined, and the steps that add one. */
const ADD_ENVIRONMENT =
  "The environments are the keys of environments/index.ts; to add one, write environments/<name>.ts (like environments/test.ts) and list it in environments/index.ts";

/**
 * The stacks that can be synthesized: one per environment, the one-time state bootstrap, the
 * hosted zone's (`dns`), and per environment account the one-time roles CI assumes there
 * (`ci-<environment>`).
 */
export function stackNames(environments: readonly string[]): string[] {
  return [...environments, BOOTSTRAP, DNS, ...environments.map((e) => `ci-${e}`)];
}

export interface ValidatedConfig {
  readonly environments: EnvironmentConfig[];
  /** Every environment, whether selected or not (the CI roles of the bootstrap trust each account). */
  readonly allEnvironments: EnvironmentConfig[];
  readonly state: StateConfig;
  readonly stacks: string[];
  /** `owner/name` of the GitHub repository, for tags outside any environment (bootstrap). */
  readonly repository: string;
}

function describe(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}

function format(scope: string, schema: z.core.$ZodType, issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.length ? issue.path.join(".") : "(top level)";
    // A value under `secrets` may be a secret pasted by mistake: never echo it.
    const hidden = issue.path.includes("secrets");
    const got =
      issue.code === "unrecognized_keys" || isMissing(issue) || hidden ? "" : issue.input === undefined ? ", got nothing" : `, got ${describe(issue.input)}`;
    return `${scope}: ${path} ${explainIssue(schema, issue)}${got}`;
  });
}

/**
 * Validates every environment and the state settings, and resolves which stacks to synthesize
 * (`selection`: comma-separated stack names; all when empty). Throws a ConfigError listing all problems.
 */
export function loadConfig(environments: Record<string, unknown>, state: unknown, selection?: string): ValidatedConfig {
  const problems: string[] = [];
  const valid: EnvironmentConfig[] = [];

  const names = Object.keys(environments);
  if (!names.length) problems.push("environments: none: add environments/<name>.ts and list it in environments/index.ts");
  if (names.includes(BOOTSTRAP)) problems.push(`${BOOTSTRAP}: is the state bootstrap stack's name: call the environment something else`);
  if (names.includes(DNS)) problems.push(`${DNS}: is the hosted zone stack's name: call the environment something else`);
  for (const [key, input] of Object.entries(environments)) {
    const result = environmentSchema.safeParse(input, { reportInput: true });
    if (!result.success) {
      problems.push(...format(key, environmentSchema, result.error.issues));
    } else if (result.data.name !== key) {
      problems.push(`${key}: name must be "${key}", the environment it is listed as, got "${result.data.name}"`);
    } else {
      valid.push(result.data);
    }
  }
  const stateResult = stateSchema.safeParse(state, { reportInput: true });
  if (!stateResult.success) problems.push(...format("state", stateSchema, stateResult.error.issues));
  stateResult.data?.ci.environments.forEach((gate, i) => {
    if (names.length && !names.includes(gate)) problems.push(`state: ci.environments.${i} must be one of ${names.join(", ")}, got ${describe(gate)}`);
  });

  if (stateResult.data) problems.push(...dnsProblems(valid, stateResult.data.dns));

  const requested = (selection ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const all = stackNames(names);
  const unknown = requested.filter((s) => !all.includes(s));
  if (unknown.length) {
    const hints = unknown.map((s) => closest(s, all)).filter((s) => s !== undefined);
    problems.push(
      `ENVIRONMENTS: unknown stack ${unknown.map(describe).join(", ")}${hints.length ? ` (did you mean ${hints.map(describe).join(", ")}?)` : ""}; choose from ${all.join(", ")} (comma-separated), or leave it unset for all. ${ADD_ENVIRONMENT}`,
    );
  }

  if (problems.length || !stateResult.success) throw new ConfigError(problems);
  const stacks = requested.length ? all.filter((s) => requested.includes(s)) : all;
  const { owner, name } = valid[0].repository;
  return {
    environments: valid.filter((e) => stacks.includes(e.name)),
    allEnvironments: valid,
    state: stateResult.data,
    stacks,
    repository: `${owner}/${name}`,
  };
}

/**
 * Every environment's names go into the one zone of `state.dns`, through a role that may write only
 * that environment's names: so each environment names that zone, and no name belongs to two.
 */
function dnsProblems(environments: EnvironmentConfig[], dns: DnsConfig): string[] {
  const problems: string[] = [];
  const owners = new Map<string, string>();
  for (const env of environments) {
    if (env.dns.zone !== dns.zone) {
      problems.push(
        `${env.name}: dns.zone must be the platform's zone state.dns.zone (${describe(dns.zone)}, environments/defaults.ts), which the dns stack owns; set it to that, or move state.dns.zone, got ${describe(env.dns.zone)}`,
      );
    }
    for (const { name, field } of environmentNames(env)) {
      const owner = owners.get(name);
      if (owner !== undefined && owner !== env.name) {
        problems.push(`${env.name}: ${field} ${describe(name)} is also a name of ${owner}: each environment may write only its own names; choose another name`);
      }
      if (owner === undefined) owners.set(name, env.name);
    }
  }
  return problems;
}
