/**
 * CodeBuild buildspecs from typed objects. The one place a buildspec is written: it renders the
 * spec and escapes Terraform's template syntax in the literal text, so that shell like
 * `${IMAGE_TAG}` reaches CodeBuild as written while Terraform references (cdktf tokens) still
 * resolve.
 *
 * Rendered as JSON, which is YAML: CodeBuild reads it as it reads any buildspec (AWS CDK's
 * `BuildSpec.fromObject` does the same), and the synth path needs no YAML library.
 */
import { Tokenization } from "cdktf";

/** One phase: its commands run in order, in one shell, and stop at the first failure. */
export interface BuildspecPhase {
  readonly commands: readonly string[];
  /**
   * What a failed phase does to the rest: ABORT skips the later phases, CONTINUE runs them.
   * @default ABORT (CodeBuild's own default is CONTINUE, which runs post_build after a failed build)
   */
  readonly onFailure?: "ABORT" | "CONTINUE";
  /**
   * Commands that run after `commands` whether they failed or not.
   * @default none
   */
  readonly finally?: readonly string[];
}

/** A test report CodeBuild collects into a report group (named or given by ARN). */
export interface BuildspecReport {
  readonly files: readonly string[];
  /** Directory the `files` globs are relative to. */
  readonly baseDirectory?: string;
  readonly fileFormat: "JUNITXML" | "CUCUMBERJSON" | "TESTNGXML" | "VISUALSTUDIOTRX" | "NUNITXML" | "NUNIT3XML";
}

/** The buildspec, version 0.2: what this project uses of the format. */
export interface Buildspec {
  readonly env?: {
    /** @default bash (CodeBuild's default on Linux is sh) */
    readonly shell?: "bash" | "sh";
    /** Plain variables; values may be Terraform references. */
    readonly variables?: Record<string, string>;
    /** Variables read from Secrets Manager at build start: `secret-id[:json-key[:stage[:version]]]`. */
    readonly secretsManager?: Record<string, string>;
    /** Variables read from SSM Parameter Store at build start, by parameter name. */
    readonly parameterStore?: Record<string, string>;
  };
  readonly phases: {
    readonly install?: BuildspecPhase;
    readonly preBuild?: BuildspecPhase;
    readonly build: BuildspecPhase;
    readonly postBuild?: BuildspecPhase;
  };
  /** Report group name or ARN → report. */
  readonly reports?: Record<string, BuildspecReport>;
  readonly artifacts?: {
    readonly files: readonly string[];
    readonly baseDirectory?: string;
    readonly discardPaths?: boolean;
  };
}

/** cdktf's encoding of a string token inside a string (cdktf/lib/tokens/private/encoding). */
const TOKEN = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/**
 * Escapes Terraform template syntax in literal text: `${` → `$${` and `%{` → `%%{`, which
 * Terraform turns back into `${` and `%{`. Tokens (Terraform references) are left as they are.
 */
export function escapeTemplate(text: string): string {
  const tokens = text.match(TOKEN) ?? [];
  // The marker format is cdktf-internal: refuse to guess if cdktf sees tokens this regex did not.
  if (Tokenization.reverseString(text).tokens.length !== tokens.length) {
    throw new Error("escapeTemplate: cannot tell Terraform references from literal text in this string");
  }
  const literals = text.split(TOKEN).map((literal) => literal.replace(/([$%])\{/g, "$1$1{"));
  return literals.reduce((out, literal, i) => out + tokens[i - 1] + literal);
}

/**
 * cdktf reads `${` in literal text as the start of a raw Terraform expression and renders a token
 * that follows it without its own `${ }`, until the next `}`: a reference inside a shell expansion
 * such as `${NAME:-<reference>}` would not resolve. Such values belong in `env.variables`.
 */
function refuseReferencesInExpansions(rendered: string): void {
  const parts = rendered.split(TOKEN);
  let open = false;
  for (let i = 0; i < parts.length - 1; i++) {
    for (const match of parts[i].matchAll(/\$\{|\}/g)) open = match[0] === "${";
    if (open) {
      throw new Error("buildspec: a Terraform reference inside a shell ${...} expansion does not resolve; pass it in env.variables");
    }
  }
}

const phase = (p: BuildspecPhase | undefined) =>
  p && {
    "on-failure": p.onFailure ?? "ABORT",
    commands: p.commands,
    ...(p.finally ? { finally: p.finally } : {}),
  };

/** The buildspec as CodeBuild reads it, with Terraform's template syntax escaped. */
export function renderBuildspec(spec: Buildspec): string {
  const env = spec.env ?? {};
  const document = {
    version: "0.2",
    env: {
      shell: env.shell ?? "bash",
      ...(env.variables && Object.keys(env.variables).length ? { variables: env.variables } : {}),
      ...(env.secretsManager && Object.keys(env.secretsManager).length ? { "secrets-manager": env.secretsManager } : {}),
      ...(env.parameterStore && Object.keys(env.parameterStore).length ? { "parameter-store": env.parameterStore } : {}),
    },
    phases: {
      install: phase(spec.phases.install),
      pre_build: phase(spec.phases.preBuild),
      build: phase(spec.phases.build),
      post_build: phase(spec.phases.postBuild),
    },
    reports:
      spec.reports &&
      Object.fromEntries(
        Object.entries(spec.reports).map(([group, r]) => [group, { files: r.files, "base-directory": r.baseDirectory, "file-format": r.fileFormat }]),
      ),
    artifacts: spec.artifacts && {
      files: spec.artifacts.files,
      "base-directory": spec.artifacts.baseDirectory,
      "discard-paths": spec.artifacts.discardPaths === undefined ? undefined : spec.artifacts.discardPaths ? "yes" : "no",
    },
  };
  // JSON.stringify drops the undefined members; `${` and `%{` only ever occur inside strings.
  const rendered = escapeTemplate(JSON.stringify(document, undefined, 2));
  refuseReferencesInExpansions(rendered);
  return rendered;
}
