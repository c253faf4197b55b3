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

export async function main(root: string, argv: readonly string[]): Promise<number> {
  const started = Date.now();
  let args: Arguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }

  let synth: ReturnType<typeof synthesize> | undefined;
  if (!args.dir) {
    try {
      synth = synthesize(root);
    } catch (error) {
      if (!(error instanceof SynthError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
  }

  try {
    const loaded = loadProviderSchema({ root });
    if (loaded.built) {
      process.stderr.write(`validate: extracted the AWS provider ${loaded.schema.providerVersion} schema in ${loaded.milliseconds} ms, cached at ${path.relative(root, loaded.cacheFile)}\n`);
    }
    const dir = args.dir ? path.resolve(args.dir) : undefined;
    const result = await validateSynthOutput({
      schema: loaded.schema,
      jsonDir: dir ?? synth!.jsonDir,
      hclDir: dir ?? synth!.hclDir,
    });
    for (const problem of result.problems) process.stdout.write(`${formatProblem(problem)}\n`);
    const timing = synth ? ` (synth ${synth.milliseconds} ms, checks ${result.milliseconds} ms)` : ` (checks ${result.milliseconds} ms)`;
    const summary = `validate: ${result.stacks.length} stacks, ${result.resources} resources checked, ${result.problems.length} problems, ${Date.now() - started} ms${timing}`;
    if (synth && args.keep) process.stderr.write(`validate: synth output kept in ${synth.dir}\n`);
    (result.problems.length ? process.stderr : process.stdout).write(`${summary}\n`);
    return result.problems.length ? 1 : 0;
  } finally {
    if (synth && !args.keep) removeSynthOutput(synth.dir);
  }
}
