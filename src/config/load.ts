import { z } from "zod";
import { closest } from "../closest";
import { explainIssue, isMissing } from "./issues";
import { ENVIRONMENT_NAMES, EnvironmentConfig, EnvironmentName, StateConfig, environmentSchema, stateSchema } from "./schema";

/** A configuration that must not be synthesized; `problems` lists every one found, not just the first. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Where the environment names are defined, and the steps that add one. */
const ADD_ENVIRONMENT =
  "The environments are ENVIRONMENT_NAMES in src/config/schema.ts; to add one, add its name there, write environments/<name>.ts (like environments/test.ts) and list it in environments/index.ts";

/**
 * The stacks that can be synthesized: one per environment, the one-time state bootstrap, and per
 * environment account the one-time roles CI assumes there (`ci-<environment>`).
 */
export const STACK_NAMES = [...ENVIRONMENT_NAMES, "bootstrap", ...ENVIRONMENT_NAMES.map((e) => `ci-${e}` as const)] as const;
export type StackName = (typeof STACK_NAMES)[number];

export interface ValidatedConfig {
  readonly environments: EnvironmentConfig[];
  /** Every environment, whether selected or not (the CI roles of the bootstrap trust each account). */
  readonly allEnvironments: EnvironmentConfig[];
  readonly state: StateConfig;
  readonly stacks: StackName[];
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

  for (const name of ENVIRONMENT_NAMES) {
    if (!(name in environments)) problems.push(`${name}: missing: add environments/${name}.ts and list it in environments/index.ts`);
  }
  for (const [key, input] of Object.entries(environments)) {
    if (!(ENVIRONMENT_NAMES as readonly string[]).includes(key)) {
      problems.push(`${key}: not an environment name (${ENVIRONMENT_NAMES.join(", ")}). ${ADD_ENVIRONMENT}`);
      continue;
    }
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

  const requested = (selection ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = requested.filter((s) => !(STACK_NAMES as readonly string[]).includes(s));
  if (unknown.length) {
    const hints = unknown.map((s) => closest(s, STACK_NAMES)).filter((s) => s !== undefined);
    problems.push(
      `ENVIRONMENTS: unknown stack ${unknown.map(describe).join(", ")}${hints.length ? ` (did you mean ${hints.map(describe).join(", ")}?)` : ""}; choose from ${STACK_NAMES.join(", ")} (comma-separated), or leave it unset for all. ${ADD_ENVIRONMENT}`,
    );
  }

  if (problems.length || !stateResult.success) throw new ConfigError(problems);
  const stacks = requested.length ? STACK_NAMES.filter((s) => requested.includes(s)) : [...STACK_NAMES];
  const { owner, name } = valid[0].repository;
  return {
    environments: valid.filter((e) => stacks.includes(e.name as EnvironmentName)),
    allEnvironments: valid,
    state: stateResult.data,
    stacks,
    repository: `${owner}/${name}`,
  };
}
