/**
 * `npm run validate [-- --dir <synth output>]`: proves the synthesized plans are valid Terraform
 * without terraform or an AWS account. Without --dir, synthesizes JSON and HCL of every stack into
 * a temporary folder first. Prints one line per problem and exits 1 if there is any.
 */
import * as path from "node:path";
import { formatProblem } from "./problems";
import { loadProviderSchema } from "./schema-cache";
import { SynthError, removeSynthOutput, synthesize } from "./synth";
import { validateSynthOutput } from "./validate";

const USAGE = "usage: npm run validate [-- --dir <folder holding stacks/<stack>/cdk.tf.json>] [--keep]";

interface Arguments {
  readonly dir?: string;
  readonly keep: boolean;
}

function parseArguments(args: readonly string[]): Arguments {
  let dir: string | undefined;
  let keep = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--dir") {
      dir = args[++i];
      if (!dir) throw new Error(`--dir needs a folder\n${USAGE}`);
    } else if (arg.startsWith("--dir=")) {
      dir = arg.slice("--dir=".length);
    } else if (arg === "--keep") {
      keep = true;
    } else if (arg === "--help" || arg === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else {
      throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  return { dir, keep };
}

/**
 * `env`: CI=true turns a check that could not run into a failure; ENVIRONMENTS (which narrows
 * `npm run synth`) is ignored: every stack is checked.
 */
export async function main(root: string, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const started = Date.now();
  let args: Arguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }

  let synth: Awaited<ReturnType<typeof synthesize>> | undefined;
  if (!args.dir && env.ENVIRONMENTS) {
    process.stderr.write(`validate: ENVIRONMENTS=${env.ENVIRONMENTS} ignored: validate synthesizes and checks every stack\n`);
  }
  if (!args.dir) {
    try {
      synth = await synthesize(root);
    } catch (error) {
      if (!(error instanceof SynthError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
  }

  try {
    const loaded = loadProviderSchema({ root });
    if (loaded.built) {
      process.stderr.write(
        `validate: extracted the AWS provider ${loaded.schema.providerVersion} schema in ${loaded.milliseconds} ms, cached at ${path.relative(root, loaded.cacheFile)}\n`,
      );
    }
    const dirs = args.dir
      ? { jsonDir: path.resolve(args.dir), hclDir: path.resolve(args.dir) }
      : synth
        ? { jsonDir: synth.jsonDir, hclDir: synth.hclDir }
        : undefined;
    if (!dirs) throw new Error("validate: neither --dir nor a synth output");
    const result = await validateSynthOutput({ schema: loaded.schema, ...dirs, env });
    for (const problem of result.problems) process.stdout.write(`${formatProblem(problem)}\n`);
    const ci = env.CI === "true" || env.CI === "1";
    for (const reason of result.skipped) process.stderr.write(`validate: SKIPPED: ${reason}${ci ? " (CI=true: a skipped check fails)" : ""}\n`);
    const timing = synth ? ` (synth ${synth.milliseconds} ms, checks ${result.milliseconds} ms)` : ` (checks ${result.milliseconds} ms)`;
    const summary = `validate: ${result.stacks.length} stacks (${result.stacks.join(", ")}), ${result.resources} resources checked, ${result.problems.length} problems, ${Date.now() - started} ms${timing}`;
    if (synth && args.keep) process.stderr.write(`validate: synth output kept in ${synth.dir}\n`);
    const failed = result.problems.length > 0 || (ci && result.skipped.length > 0);
    (failed ? process.stderr : process.stdout).write(`${summary}\n`);
    return failed ? 1 : 0;
  } finally {
    if (synth && !args.keep) removeSynthOutput(synth.dir);
  }
}
