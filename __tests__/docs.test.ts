/**
 * The documents are true: every resource name, file path, command and code symbol that README.md,
 * `help` and docs/*.md name exists (in the synthesized plans, on disk, in package.json, in the
 * code or the schema). A failure names the document, the line and the name.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformResource } from "cdktf";
import { environmentSchema, stateSchema } from "../src/config/schema";
import { schemaAt } from "../src/config/issues";
import { exampleConfig } from "./helpers";
import { synthesizedStack, synthesizedStackNames } from "./support/synthesized";

const ROOT = path.resolve(__dirname, "..");
const DOCUMENTS = [
  "README.md",
  "help",
  ...fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`),
];

/**
 * Names a document may use although no plan, file or code holds them, each with the reason.
 * Keep this short: a name that should exist belongs in the code, not here.
 */
const ALLOWED: Record<string, string> = {
  "notes-prod-admin": "an example of the reader's own AWS CLI profile name (TF_VAR_account_profile)",
  sessionContext: "a field of CloudTrail's events, which the audit runbook queries",
  accessKeyId: "a field of CloudTrail's events, which the audit runbook queries",
  RestoreDBClusterFromSnapshot: "the RDS API action the Aurora restore uses",
  hookStatus: "the field of the answer ECS expects from a lifecycle hook function",
  ValidUpgradeTarget: "a field of `aws rds describe-db-engine-versions` output",
};

/** Output of a synth or of a tool, not in the repository. */
const GENERATED = /^(cdktf\.out|node_modules|coverage)\//;
/** cdktf's own subcommands. */
const CDKTF_COMMANDS = new Set(["synth", "deploy", "diff", "destroy", "get", "init", "list", "output", "watch", "convert", "provider"]);

// ---- What exists -------------------------------------------------------------------------------

const config = exampleConfig();
const ENVIRONMENT_NAMES = Object.keys(config.environments);
const STACK_NAMES = synthesizedStackNames();
const plans: any[] = STACK_NAMES.map((name) => JSON.parse(synthesizedStack(name)));

const planStrings: string[] = [];
const planKeys = new Set<string>();
const addresses = new Set<string>();
const containerVariables = new Set<string>();
function collect(value: unknown): void {
  if (typeof value === "string") planStrings.push(value.replace(/\$\{local\.workspace_suffix\}/g, ""));
  else if (Array.isArray(value)) value.forEach(collect);
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      planKeys.add(key);
      collect(inner);
    }
  }
}
for (const plan of plans) {
  collect(plan);
  for (const [type, blocks] of Object.entries<any>(plan.resource ?? {})) for (const name of Object.keys(blocks)) addresses.add(`${type}.${name}`);
  for (const [type, blocks] of Object.entries<any>(plan.data ?? {})) for (const name of Object.keys(blocks)) addresses.add(`data.${type}.${name}`);
  for (const task of Object.values<any>(plan.resource?.aws_ecs_task_definition ?? {})) {
    for (const m of String(task.container_definitions).matchAll(/"name" = "([A-Z][A-Z0-9_]*)"/g)) containerVariables.add(m[1]);
  }
}

function walk(dir: string, skip: RegExp): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (skip.test(entry.name)) return [];
    return entry.isDirectory() ? [`${relative}/`, ...walk(relative, skip)] : [relative];
  });
}
const files = new Set(walk("", /^(node_modules|\.git|cdktf\.out|coverage)$/));

/** The code's words: sources, environments, tools, scripts, workflow, package.json, the tests' shared support (tests and documents excluded). */
const codeFiles = [...files].filter((f) =>
  /^(src|environments|tools|scripts|\.github|\.ci|__tests__\/support)\/.*[^/]$|^(main\.ts|package\.json|cdktf\.json)$/.test(f),
);
const code = codeFiles.map((f) => fs.readFileSync(path.join(ROOT, f), "utf8")).join("\n");
const codeWords = new Set(code.match(/[A-Za-z_$][\w$]*/g));
const scripts = new Set(Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts));
const cdktfMembers = new Set<string>();
for (let proto = TerraformResource.prototype; proto; proto = Object.getPrototypeOf(proto))
  Object.getOwnPropertyNames(proto).forEach((n) => cdktfMembers.add(n));

const schemaKeys = new Set<string>();
(function keys(schema: any): void {
  const def = schema?._zod?.def;
  if (!def) return;
  if (def.type === "object")
    for (const [k, v] of Object.entries(def.shape)) {
      schemaKeys.add(k);
      keys(v);
    }
  for (const inner of [def.innerType, def.valueType, def.element, ...(def.options ?? [])]) keys(inner);
})(environmentSchema);

// ---- The checks --------------------------------------------------------------------------------

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A name such as `<project>-<env>-alarms` as the names it stands for, matched inside the plans' strings. */
function nameExists(name: string, prefix: boolean): boolean {
  const envs = name.includes("<env>") ? ENVIRONMENT_NAMES : [""];
  return envs.some((env) => {
    const concrete = name.replace(/<project>/g, "notes").replace(/<env>/g, env);
    const pattern = escape(concrete).replace(/<[a-z-]+>/g, "[A-Za-z0-9-]+");
    const re = new RegExp(`(^|[^A-Za-z0-9])${pattern}${prefix ? "" : "($|[^A-Za-z0-9-])"}`);
    return planStrings.some((s) => re.test(s));
  });
}

function pathExists(token: string): boolean {
  const relative = token.replace(/^\.\//, "");
  if (!relative.includes("<") && !relative.includes("*")) return files.has(relative) || files.has(`${relative}/`);
  const re = new RegExp(
    `^${escape(relative)
      .replace(/<[a-z-]+>/g, "[^/]+")
      .replace(/\\\*/g, "[^/]*")}/?$`,
  );
  return [...files].some((f) => re.test(f));
}

/** A config path (`network.azCount`, `tracing.prometheus`, `state.ci.branch`, `defaults.repository`). */
function configPathExists(parts: string[]): boolean {
  if (parts[0] === "state") return schemaAt(stateSchema, parts.slice(1)) !== undefined;
  const rest = parts[0] === "defaults" ? parts.slice(1) : parts;
  if (schemaAt(environmentSchema, rest)) return true;
  return Object.keys((environmentSchema as any).shape).some((top) => schemaAt(environmentSchema, [top, ...rest]) !== undefined);
}

function symbolProblem(span: string): string | undefined {
  const symbol = span.replace(/\(\)$/, "");
  // An address is checked against the plans' addresses; a file name (`operations.md`) reads like a member access.
  if (/^(data\.)?aws_[a-z0-9_]+\./.test(symbol)) return undefined;
  if (/\.(md|ts|js|json|ya?ml|sh|tf|tfstate)$/.test(symbol)) return undefined;
  if (/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/.test(symbol)) {
    const parts = symbol.split(".");
    if (configPathExists(parts)) return undefined;
    if (codeWords.has(parts[0]) && codeWords.has(parts[parts.length - 1])) return undefined;
    return "is neither a setting of the schema nor a member in the code";
  }
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(symbol)) {
    return codeWords.has(symbol) || containerVariables.has(symbol) ? undefined : "is not a constant or variable of the code";
  }
  if (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(symbol)) {
    const camel = symbol.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    return planKeys.has(symbol) || codeWords.has(symbol) || codeWords.has(camel)
      ? undefined
      : "is not an argument, output or type of the plans, nor in the code";
  }
  if (/^[a-z][a-z0-9]*[A-Z]\w*$/.test(symbol) || /^[A-Z][a-z0-9]+[A-Z]\w*$/.test(symbol)) {
    return codeWords.has(symbol) || schemaKeys.has(symbol) || cdktfMembers.has(symbol) ? undefined : "is not a symbol of the code, a setting or a cdktf method";
  }
  return undefined;
}

interface Finding {
  readonly line: number;
  readonly name: string;
  readonly problem: string;
}

const NAME = /(?:alias\/)?(?:notes|<project>)-[a-z0-9<>]+(?:-[a-z0-9<>]+)*(\/[a-z0-9<>-]+)?(-?(?:…|\.\.\.|\[))?/g;
const LOG_GROUP = /\/(?:notes|<project>)\/(?:dev|test|prod|<env>)(?:\/[a-z0-9<>-]+)*(\/(?:…|\.\.\.))?/g;
const PATH = /^\.?\/?[A-Za-z0-9_.<>*-]+(\/[A-Za-z0-9_.<>*-]+)*\/?$/;

function check(document: string, text = fs.readFileSync(path.join(ROOT, document), "utf8")): Finding[] {
  const lines = text.split("\n");
  const markdown = document.endsWith(".md");
  const findings: Finding[] = [];
  const add = (line: number, name: string, problem: string) => {
    if (!(name in ALLOWED)) findings.push({ line, name, problem });
  };
  // Names this document creates with its own commands (a restore target, a snapshot), and the
  // workspaces it names: a workspace copy's names carry the workspace.
  const created = new Set(
    [...text.matchAll(/--(?:new|target|final)-[a-z-]*identifier[ =]([a-z0-9-]+)|create-db-snapshot .*--db-snapshot-identifier[ =]([a-z0-9-]+)/g)].map(
      (m) => m[1] ?? m[2],
    ),
  );
  const workspaces = [...text.matchAll(/TF_WORKSPACE=([a-z0-9-]+)/g)].map((m) => m[1]);
  const topLevel = new Set([...files].filter((f) => !f.slice(0, -1).includes("/")).map((f) => f.replace(/\/$/, "")));

  let fenced = false;
  lines.forEach((line, index) => {
    const n = index + 1;
    if (markdown && /^\s*```/.test(line)) {
      fenced = !fenced;
      return;
    }
    // Resource names, anywhere.
    for (const m of [...line.matchAll(NAME), ...line.matchAll(LOG_GROUP)]) {
      let name = m[0].replace(/(-?(?:…|\.\.\.|\[))$/, "");
      const prefix = name !== m[0];
      if (created.has(name) || [...created].some((c) => name.startsWith(`${c}-`))) continue;
      const workspace = workspaces.find((w) => new RegExp(`^(notes|<project>)-(dev|test|prod|<env>)-${w}(-|$)`).test(name));
      if (workspace) name = name.replace(`-${workspace}`, "");
      if (name === "notes-" || !nameExists(name, prefix || /-$/.test(name))) add(n, name, "is not a name in the synthesized plans");
    }
    // Terraform addresses, anywhere.
    for (const m of line.matchAll(/\b(?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+_[A-F0-9]{8}\b/g)) {
      if (!addresses.has(m[0])) add(n, m[0], "is not an address in the synthesized plans");
    }
    // Commands, anywhere.
    for (const m of line.matchAll(/npm run (?:-s )?([a-z][\w:-]*)((?: -- (?:--?[a-z][\w-]*(?:[ =][^\s`)|-][^\s`)|]*)? ?)+)?)/g)) {
      if (!scripts.has(m[1])) add(n, `npm run ${m[1]}`, "is not a script in package.json");
      for (const flag of (m[2] ?? "").match(/--[a-z][\w-]*/g) ?? []) {
        if (!code.includes(`"${flag}"`) && !code.includes(`"${flag}=`)) add(n, `npm run ${m[1]} -- ${flag}`, `is not an option of ${m[1]} (scripts/, tools/)`);
      }
    }
    for (const m of line.matchAll(/npx cdktf ([a-z]+)((?: (?:\||[a-z][a-z0-9-]*))*)/g)) {
      if (!CDKTF_COMMANDS.has(m[1])) add(n, `npx cdktf ${m[1]}`, "is not a cdktf command");
      for (const stack of m[2].split(/[ |]+/).filter(Boolean)) {
        if (["synth", "get", "init", "list"].includes(m[1])) break;
        if (!(STACK_NAMES as readonly string[]).includes(stack)) add(n, `npx cdktf ${m[1]} ${stack}`, `is not a stack (${STACK_NAMES.join(", ")})`);
      }
    }
    for (const m of line.matchAll(/ENVIRONMENTS=([\w,-]+)/g)) {
      for (const stack of m[1].split(",")) if (!(STACK_NAMES as readonly string[]).includes(stack)) add(n, `ENVIRONMENTS=${stack}`, "is not a stack");
    }
    if (fenced) return;
    // Paths and code symbols: in code spans (markdown) or as words (help).
    const spans = markdown ? [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1].trim()) : line.split(/\s+/);
    for (const span of spans) {
      if (PATH.test(span) && span.includes("/") && !GENERATED.test(span.replace(/^\.\//, "")) && topLevel.has(span.replace(/^\.\//, "").split("/")[0])) {
        if (!pathExists(span)) add(n, span, "is not a file or folder of the repository");
        continue;
      }
      if (!markdown) continue;
      const problem = symbolProblem(span);
      if (problem) add(n, span, problem);
    }
    // The app contract: every variable in a table's first column is in the task definition.
    if (document === "docs/app-contract.md") {
      const variable = /^\| `([A-Z][A-Z0-9_]+)` \|/.exec(line)?.[1];
      if (variable && !containerVariables.has(variable)) add(n, variable, "is not an environment variable of the app's container in any plan");
    }
  });
  return findings;
}

describe.each(DOCUMENTS)("%s", (document) => {
  it("names only what exists", () => {
    const findings = check(document).map((f) => `${document}:${f.line}: \`${f.name}\` ${f.problem}`);
    expect(findings).toEqual([]);
  });
});

describe("the docs check", () => {
  it("knows the container's variables, so the app contract is checked against something", () => {
    expect([...containerVariables]).toEqual(expect.arrayContaining(["DATABASE_HOST", "REDIS_USER", "OTEL_EXPORTER_OTLP_ENDPOINT"]));
  });

  it("catches a name the stack does not create and a constant the code does not have", () => {
    const text = "Failed jobs go to `notes-prod-alerts`; filter with `FAILED_JOBS_FILTER_POLICY`.\n";
    expect(check("docs/example.md", text).map((f) => `${f.line}: ${f.name}`)).toEqual(["1: notes-prod-alerts", "1: FAILED_JOBS_FILTER_POLICY"]);
  });

  it("catches a missing file, an unknown script, stack or setting", () => {
    const text = "Run `npm run bnch`, then `npx cdktf deploy staging`; see `src/nothing.ts` and `network.azCoutn`.\n";
    expect(check("docs/example.md", text).map((f) => f.name)).toEqual(["npm run bnch", "npx cdktf deploy staging", "src/nothing.ts", "network.azCoutn"]);
  });

  it("accepts names the document's own commands create", () => {
    const text =
      "`aws rds create-db-snapshot --db-instance-identifier notes-prod-database --db-snapshot-identifier notes-prod-database-before-x`, then restore `notes-prod-database-before-x`.\n";
    expect(check("docs/example.md", text)).toEqual([]);
  });

  it("lists the documents it reads", () => {
    expect(DOCUMENTS).toEqual(expect.arrayContaining(["README.md", "help", "docs/disaster-recovery.md", "docs/app-contract.md"]));
  });
});
