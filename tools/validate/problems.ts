/**
 * A problem the validator found, in the shape every plan check shares (tools/findings.ts): an id
 * per kind of check (`VAL-SCHEMA`, `VAL-REF`, `VAL-TEMPLATE`, `VAL-NAME`, `VAL-HCL`, `VAL-INPUT`),
 * always an error, printed as `error <id> <stack> <address> <path>: <problem>; fix: <fix>`.
 */
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

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** The closest candidate, if it is close enough to be a plausible typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
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
