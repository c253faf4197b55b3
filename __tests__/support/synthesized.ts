/**
 * The real stacks as the app synthesizes them (scripts/app.js through main.ts), read from the
 * folder the jest global setup wrote once for the whole run (support/global-setup.ts).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";

function folder(): string {
  const dir = process.env.NOTES_SYNTH_DIR;
  if (!dir) throw new Error("NOTES_SYNTH_DIR is not set: run the tests through jest (its global setup synthesizes the stacks)");
  return dir;
}

/** Where the JSON (`stacks/<stack>/cdk.tf.json`) and the HCL (`stacks/<stack>/cdk.tf`) are. */
export const synthDirs = () => ({ jsonDir: path.join(folder(), "json"), hclDir: path.join(folder(), "hcl") });

/** The names of the stacks the app synthesized, sorted. */
export function synthesizedStackNames(): string[] {
  const stacks = path.join(synthDirs().jsonDir, "stacks");
  return readdirSync(stacks)
    .filter((name) => existsSync(path.join(stacks, name, "cdk.tf.json")))
    .sort();
}

/** cdktf's metadata (`//`) left out and keys sorted: what `Testing.synth` returns for the stack. */
function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .filter((key) => key !== "//")
      .sort()
      .map((key) => [key, withoutMetadata((value as Record<string, unknown>)[key])]),
  );
}

const cache = new Map<string, string>();

/** One synthesized stack as a JSON string, shaped like `Testing.synth`'s, for cdktf's matchers. */
export function synthesizedStack(name: string): string {
  let json = cache.get(name);
  if (json === undefined) {
    const file = path.join(synthDirs().jsonDir, "stacks", name, "cdk.tf.json");
    if (!existsSync(file)) throw new Error(`the app synthesized no stack "${name}" (it has ${synthesizedStackNames().join(", ")})`);
    json = JSON.stringify(withoutMetadata(JSON.parse(readFileSync(file, "utf8"))), null, 2);
    cache.set(name, json);
  }
  return json;
}
