/**
 * `npm run cost` (synthesizes the working tree, then prices every stack), `npm run cost -- --dir
 * <folder>` (prices an existing output) and `npm run cost -- --diff <git-ref>` (the change against
 * the plan of a git ref, as a pull-request comment).
 */
import { resolve } from "node:path";
import { DiffError, readSynth, synthesizeRef, synthesizeWorkingTree } from "../diff/synth";
import { StackEstimate, StackJson, estimateStack } from "./estimate";
import { diffEstimates, formatDiff, formatReport } from "./format";
import { USAGE, UsageError, UsageInput, usageFor } from "./usage";

export const USAGE_TEXT = `usage:
  npm run cost                        synthesizes the working tree and prices every stack
  npm run cost -- --dir <folder>      prices a synthesized output (stacks/<stack>/cdk.tf.json)
  npm run cost -- --diff <git-ref>    the monthly change from <git-ref>'s plan to the working tree's
                                      (or to --dir <folder>), in Infracost's pull-request layout
  --summary                           totals per tier only, without line items and notes
exit status: 0 priced, 1 a resource could not be priced, 2 usage or synthesis error
`;

export interface CostArgs {
  readonly dir?: string;
  readonly diff?: string;
  readonly summary: boolean;
  readonly help: boolean;
}

export function parseArgs(argv: readonly string[]): CostArgs {
  let dir: string | undefined;
  let diff: string | undefined;
  let summary = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (what: string) => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new DiffError(`${arg} needs ${what}`);
      return next;
    };
    if (arg === "--dir") dir = value("a folder");
    else if (arg === "--diff") diff = value("a git ref");
    else if (arg === "--summary") summary = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else throw new DiffError(`unknown argument ${arg}`);
  }
  return { dir, diff, summary, help };
}

/** Environments first (dev, test, prod), then the other stacks by name. */
const ORDER = ["dev", "test", "prod"];
const rank = (stack: string) => (ORDER.includes(stack) ? ORDER.indexOf(stack) : ORDER.length);

/** Prices every stack of a synthesized app. */
export function estimateAll(synth: Record<string, unknown>, usage: Readonly<Record<string, UsageInput>> = USAGE): StackEstimate[] {
  return Object.keys(synth)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((stack) => estimateStack(stack, synth[stack] as StackJson, usageFor(stack, usage)));
}

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Runs the command for the checkout at `root`, resolving folders against `cwd`; returns the exit status. */
export function main(argv: readonly string[], root: string, cwd: string, io: Io): number {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.out(USAGE_TEXT);
      return 0;
    }
    const current = () => (args.dir !== undefined ? readSynth(resolve(cwd, args.dir)) : synthesizeWorkingTree(root));
    if (args.diff !== undefined) {
      const baseline = estimateAll(synthesizeRef(root, args.diff));
      const next = estimateAll(current());
      io.out(formatDiff(diffEstimates(baseline, next), args.diff));
      return next.some((e) => e.problems.length) ? 1 : 0;
    }
    const estimates = estimateAll(current());
    io.out(formatReport(estimates, { lines: !args.summary, notes: !args.summary }));
    return estimates.some((e) => e.problems.length) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`cost: ${error.message}\n`);
      return 2;
    }
    if (!(error instanceof DiffError)) throw error;
    io.err(`cost: ${error.message}\n${/^unknown|needs/.test(error.message.replace(/^--\S+ /, "")) ? USAGE_TEXT : ""}`);
    return 2;
  }
}
