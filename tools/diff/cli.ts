/**
 * `npm run diff -- <git-ref>` or `npm run diff -- --from <dir> [--to <dir>]`: prints what changes per
 * stack and exits 1 when a stateful resource would be destroyed, unless --allow-stateful-removal.
 */
import { resolve } from "node:path";
import { Synth, diffSynth, exitCode, formatReport } from "./diff";
import { DiffError, readSynth, synthesizeRef, synthesizeWorkingTree } from "./synth";

export const USAGE = `usage:
  npm run diff -- <git-ref> [--allow-stateful-removal]
      synthesizes <git-ref> (a temporary worktree) and the working tree, and compares them
  npm run diff -- --from <dir> [--to <dir>] [--allow-stateful-removal]
      compares synthesized outputs (folders holding stacks/<stack>/cdk.tf.json); --to defaults to
      the working tree, synthesized
exit status: 0 no stateful resource destroyed (or allowed), 1 one would be, 2 usage or synthesis error
`;

export interface DiffArgs {
  readonly ref?: string;
  readonly from?: string;
  readonly to?: string;
  readonly allowStatefulRemoval: boolean;
  readonly help: boolean;
}

export function parseArgs(argv: readonly string[]): DiffArgs {
  let ref: string | undefined;
  let from: string | undefined;
  let to: string | undefined;
  let allowStatefulRemoval = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new DiffError(`${arg} needs a folder`);
      return next;
    };
    if (arg === "--from") from = value();
    else if (arg === "--to") to = value();
    else if (arg === "--allow-stateful-removal") allowStatefulRemoval = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else if (arg.startsWith("-")) throw new DiffError(`unknown option ${arg}`);
    else if (ref === undefined) ref = arg;
    else throw new DiffError(`one git ref only, got ${ref} and ${arg}`);
  }
  if (!help && (ref === undefined) === (from === undefined)) throw new DiffError("give either a git ref or --from <dir>");
  return { ref, from, to, allowStatefulRemoval, help };
}

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * Runs the command for the checkout at `root`, resolving folders against `cwd`; returns the exit
 * status instead of exiting, for tests. ENVIRONMENTS in `env` does not narrow what is synthesized.
 */
export function main(argv: readonly string[], root: string, cwd: string, io: Io, env: NodeJS.ProcessEnv = process.env): number {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.out(USAGE);
      return 0;
    }
    if (env.ENVIRONMENTS && (args.ref !== undefined || args.to === undefined)) {
      io.err(`diff: ENVIRONMENTS=${env.ENVIRONMENTS} ignored: the diff synthesizes and compares every stack\n`);
    }
    const from: Synth = args.ref !== undefined ? synthesizeRef(root, args.ref) : readSynth(resolve(cwd, args.from!));
    const to: Synth = args.to !== undefined ? readSynth(resolve(cwd, args.to)) : synthesizeWorkingTree(root);
    const report = diffSynth(from, to);
    io.out(formatReport(report, args.allowStatefulRemoval));
    return exitCode(report, args.allowStatefulRemoval);
  } catch (error) {
    if (!(error instanceof DiffError)) throw error;
    io.err(
      `diff: ${error.message}\n${error.message.startsWith("give") || error.message.startsWith("unknown") || error.message.includes("needs") ? USAGE : ""}`,
    );
    return 2;
  }
}
