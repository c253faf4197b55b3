/**
 * A synthesized stack as the validator sees it: where its files are, and what it declares
 * (resources, data sources, variables, locals, modules, provider aliases) for references to name.
 */
import * as fs from "node:fs";
import * as path from "node:path";

import { Json, JsonObject, blockInstances, isObject } from "../json";

export { blockInstances, isObject };
export type { Json, JsonObject };

export interface StackFiles {
  readonly name: string;
  readonly jsonFile?: string;
  readonly hclFile?: string;
}

/**
 * The stacks of a synth output: `<jsonDir>/stacks/<stack>/cdk.tf.json`, and `cdk.tf` from
 * `<hclDir>/stacks/<stack>/` where present (hclDir is jsonDir when both are in one folder).
 */
export function findStacks(jsonDir: string, hclDir: string = jsonDir): StackFiles[] {
  const names = new Set<string>();
  for (const dir of new Set([jsonDir, hclDir])) {
    const stacksDir = path.join(dir, "stacks");
    if (!fs.existsSync(stacksDir)) continue;
    for (const entry of fs.readdirSync(stacksDir, { withFileTypes: true })) if (entry.isDirectory()) names.add(entry.name);
  }
  const existing = (file: string) => (fs.existsSync(file) ? file : undefined);
  return [...names].sort().map((name) => ({
    name,
    jsonFile: existing(path.join(jsonDir, "stacks", name, "cdk.tf.json")),
    hclFile: existing(path.join(hclDir, "stacks", name, "cdk.tf")),
  }));
}

export interface ResourceDeclaration {
  readonly repeated: boolean;
}

export interface Declarations {
  /** Resource type -> name -> declaration. */
  readonly resources: Map<string, Map<string, ResourceDeclaration>>;
  readonly data: Map<string, Map<string, ResourceDeclaration>>;
  readonly variables: Set<string>;
  readonly locals: Set<string>;
  readonly modules: Set<string>;
  /** Provider name -> its aliases ("" for the configuration without one). */
  readonly providers: Map<string, Set<string>>;
}

function typed(section: Json | undefined): Map<string, Map<string, ResourceDeclaration>> {
  const result = new Map<string, Map<string, ResourceDeclaration>>();
  if (!isObject(section)) return result;
  for (const [type, byName] of Object.entries(section)) {
    if (!isObject(byName)) continue;
    const names = new Map<string, ResourceDeclaration>();
    for (const [name, body] of Object.entries(byName)) {
      const first = blockInstances(body)[0] ?? {};
      names.set(name, { repeated: first.count !== undefined || first.for_each !== undefined });
    }
    result.set(type, names);
  }
  return result;
}

function names(section: Json | undefined): Set<string> {
  const result = new Set<string>();
  for (const block of blockInstances(section)) for (const key of Object.keys(block)) if (key !== "//") result.add(key);
  return result;
}

export function declarations(stack: JsonObject): Declarations {
  const providers = new Map<string, Set<string>>();
  if (isObject(stack.provider)) {
    for (const [name, configs] of Object.entries(stack.provider)) {
      const aliases = new Set<string>();
      for (const config of blockInstances(configs)) aliases.add(typeof config.alias === "string" ? config.alias : "");
      providers.set(name, aliases);
    }
  }
  return {
    resources: typed(stack.resource),
    data: typed(stack.data),
    variables: names(stack.variable),
    locals: names(stack.locals),
    modules: names(stack.module),
    providers,
  };
}
