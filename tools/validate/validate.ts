/** Validates a synth output folder: runs every check on every stack and gathers the problems. */
import * as fs from "node:fs";
import { checkHclFormat } from "./check-format";
import { checkHcl } from "./check-hcl";
import { checkNames } from "./check-names";
import { StackReferences, TemplateSite, checkTemplateSites } from "./check-references";
import { checkSchema } from "./check-schema";
import { Problem, ProblemSink } from "./problems";
import { ProviderSchema } from "./schema";
import { JsonObject, findStacks, isObject } from "./stack";

export interface ValidateOptions {
  /** Folder holding stacks/<stack>/cdk.tf.json. */
  readonly jsonDir: string;
  /** Folder holding stacks/<stack>/cdk.tf, where present. @default jsonDir */
  readonly hclDir?: string;
  readonly schema: ProviderSchema;
  /** Where terraform (for `terraform fmt`) is looked up. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

export interface ValidateResult {
  readonly problems: readonly Problem[];
  readonly stacks: readonly string[];
  /** Resources and data sources checked. */
  readonly resources: number;
  /** Checks that could not run, and why. */
  readonly skipped: readonly string[];
  readonly milliseconds: number;
}

export async function validateSynthOutput(options: ValidateOptions): Promise<ValidateResult> {
  const started = Date.now();
  const sink = new ProblemSink();
  const stacks = findStacks(options.jsonDir, options.hclDir);
  if (stacks.length === 0) {
    sink.add("-", options.jsonDir, "-", "holds no stacks/<stack>/cdk.tf.json", "synthesize first (npm run synth) or point --dir at the synth output folder");
  }

  const sites: TemplateSite[] = [];
  const loaded: { name: string; json: JsonObject; hclFile?: string }[] = [];
  let resources = 0;
  for (const stack of stacks) {
    if (!stack.jsonFile) {
      sink.add(
        stack.name,
        "cdk.tf.json",
        "-",
        "the stack has cdk.tf but no cdk.tf.json: the checks read the JSON",
        "synthesize the JSON too (npm run synth), or run npm run validate without --dir",
      );
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(stack.jsonFile, "utf8"));
    } catch (error) {
      sink.add(stack.name, "cdk.tf.json", "-", `is not valid JSON: ${(error as Error).message}`, "synthesize again");
      continue;
    }
    if (!isObject(json)) {
      sink.add(stack.name, "cdk.tf.json", "-", "does not hold a JSON object", "synthesize again");
      continue;
    }
    resources += checkSchema(stack.name, json, options.schema, sink.as("VAL-SCHEMA"));
    const references = new StackReferences(stack.name, json, options.schema, sink.as("VAL-REF"));
    references.run();
    sites.push(...references.sites);
    checkNames(stack.name, json, sink.as("VAL-NAME"));
    loaded.push({ name: stack.name, json, hclFile: stack.hclFile });
  }

  await checkTemplateSites(sites, sink.as("VAL-TEMPLATE"));
  for (const stack of loaded) {
    if (stack.hclFile) await checkHcl(stack.name, stack.json, fs.readFileSync(stack.hclFile, "utf8"), stack.hclFile, sink.as("VAL-HCL"));
  }

  const skipped: string[] = [];
  const format = checkHclFormat(
    loaded.flatMap((stack) => (stack.hclFile ? [{ stack: stack.name, file: stack.hclFile }] : [])),
    sink,
    options.env,
  );
  if (format) skipped.push(format);

  const order = new Map(stacks.map((s, i) => [s.name, i]));
  const problems = [...sink.problems].sort((a, b) => (order.get(a.stack) ?? -1) - (order.get(b.stack) ?? -1));
  return { problems, stacks: stacks.map((s) => s.name), resources, skipped, milliseconds: Date.now() - started };
}
