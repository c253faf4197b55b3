import { z } from "zod";
import { ENVIRONMENT_NAMES, EnvironmentConfig, EnvironmentName, StateConfig, environmentSchema, stateSchema } from "./schema";

/** A configuration that must not be synthesized; `problems` lists every one found, not just the first. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

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

function format(scope: string, issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.length ? issue.path.join(".") : "(top level)";
    // A value under `secrets` may be a secret pasted by mistake: never echo it.
    const hidden = issue.path.includes("secrets");
    const got =
      issue.code === "unrecognized_keys" || hidden ? "" : issue.input === undefined ? ", got nothing" : `, got ${describe(issue.input)}`;
    return `${scope}: ${path} ${issue.message}${got}`;
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
    const result = environmentSchema.safeParse(input, { reportInput: true });
    if (!result.success) {
      problems.push(...format(key, result.error.issues));
    } else if (result.data.name !== key) {
      problems.push(`${key}: name must be "${key}", the environment it is listed as, got "${result.data.name}"`);
    } else {
      valid.push(result.data);
    }
  }
  const stateResult = stateSchema.safeParse(state, { reportInput: true });
  if (!stateResult.success) problems.push(...format("state", stateResult.error.issues));

  const requested = (selection ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = requested.filter((s) => !(STACK_NAMES as readonly string[]).includes(s));
  if (unknown.length) {
    problems.push(`ENVIRONMENTS: unknown stack ${unknown.map(describe).join(", ")}; choose from ${STACK_NAMES.join(", ")} (comma-separated), or leave it unset for all`);
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
