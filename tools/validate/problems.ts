/**
 * A problem the validator found, in the shape every plan check shares (tools/findings.ts): an id
 * per kind of check (`VAL-SCHEMA`, `VAL-REF`, `VAL-TEMPLATE`, `VAL-NAME`, `VAL-HCL`, `VAL-INPUT`),
 * always an error, printed as `error <id> <stack> <address> <path>: <problem>; fix: <fix>`.
 */
import { closest } from "../../src/closest";
import { Finding, formatFinding } from "../findings";

export type Problem = Finding;

export const formatProblem = formatFinding;

/** Appends `.key` or `[index]` to an attribute path. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  const part = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
  return path ? `${path}.${part}` : part;
}

/** Collects problems for one stack and block, so that checks need not repeat them. */
export class ProblemSink {
  public constructor(
    public readonly problems: Problem[] = [],
    private readonly id = "VAL-INPUT",
  ) {}

  /** The same list, for a check that reports under its own id. */
  public as(id: string): ProblemSink {
    return new ProblemSink(this.problems, id);
  }

  public add(stack: string, address: string, path: string, problem: string, fix: string): void {
    this.problems.push({ id: this.id, level: "error", stack, address, path, message: problem, fix });
  }
}

export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/-/g, "_")
    .toLowerCase();
}

/** `did you mean "x"?` when a close candidate exists, else the fallback. */
export function didYouMean(name: string, candidates: Iterable<string>, fallback: string): string {
  const list = [...candidates];
  const snake = snakeCase(name);
  if (snake !== name && list.includes(snake)) return `write "${snake}" (Terraform names are snake_case)`;
  const near = closest(name, list);
  return near ? `did you mean "${near}"?` : fallback;
}
