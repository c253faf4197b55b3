/**
 * Checks a stack's JSON against the provider schema: every resource and data source type exists,
 * every argument (in nested blocks too) exists, required arguments are set, values have the right
 * shape (string/number/bool, list, map, one block or many), meta-arguments are well formed, and
 * inside values the bindings type as `any` every key is a Terraform (snake_case) name.
 */
import {
  BUILTIN_BLOCKS,
  BUILTIN_RESOURCES,
  CONDITION_BLOCK,
  DATA_LIFECYCLE,
  DATA_META_ARGUMENTS,
  OUTPUT_BLOCK,
  RESOURCE_LIFECYCLE,
  RESOURCE_META_ARGUMENTS,
  TOP_LEVEL_KEYS,
  VARIABLE_BLOCK,
} from "./builtins";
import { ProblemSink, childPath, didYouMean, snakeCase } from "./problems";
import { BlockSchema, ProviderSchema, TypeSchema, ValueType, describeType, parseValueType } from "./schema";
import { Json, JsonObject, blockInstances, isObject } from "./stack";
import { isTemplate } from "./template";

interface Context {
  readonly stack: string;
  readonly address: string;
  readonly sink: ProblemSink;
  readonly schema: ProviderSchema;
  /** Whether `any` values must use snake_case keys (provider arguments, not e.g. terraform_data input). */
  readonly snakeCaseAny: boolean;
}

function report(ctx: Context, path: string, problem: string, fix: string): void {
  ctx.sink.add(ctx.stack, ctx.address, path, problem, fix);
}

function blockSchema(ctx: Context, id: string): BlockSchema {
  const block = ctx.schema.blocks[id] ?? BUILTIN_BLOCKS[id];
  if (!block) throw new Error(`block schema ${id} missing from the provider schema cache`);
  return block;
}

function describeValue(value: Json): string {
  if (Array.isArray(value)) return "a list";
  if (isObject(value)) return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** An expression Terraform evaluates: its type is only known at plan time. */
function isExpression(value: Json): boolean {
  return typeof value === "string" && isTemplate(value);
}

function checkValue(ctx: Context, type: ValueType, value: Json, path: string): void {
  if (value === null || isExpression(value)) return;
  const wrong = (expected: string, fix: string) => report(ctx, path, `expected ${expected}, got ${describeValue(value)}`, fix);
  switch (type.kind) {
    case "string":
      // Terraform converts numbers and bools to strings.
      if (typeof value === "object") wrong("string", "set a string");
      return;
    case "number":
      if (typeof value === "number") return;
      if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return;
      wrong("number", "set a number");
      return;
    case "bool":
      if (typeof value === "boolean" || value === "true" || value === "false") return;
      wrong("bool", "set true or false");
      return;
    case "any":
      if (ctx.snakeCaseAny) checkSnakeCaseKeys(ctx, value, path);
      return;
    case "list":
      if (!Array.isArray(value)) return wrong(describeType(type), "set a list");
      value.forEach((item, i) => checkValue(ctx, type.element, item, childPath(path, i)));
      return;
    case "map":
      if (!isObject(value)) return wrong(describeType(type), "set an object");
      for (const [key, item] of Object.entries(value)) checkValue(ctx, type.element, item, childPath(path, key));
      return;
    case "block":
      if (Array.isArray(value)) {
        if (value.length > 1) {
          report(ctx, path, `takes a single block, got a list of ${value.length}`, "set one object");
          return;
        }
        value.forEach((item, i) => checkBlockValue(ctx, type.block, item, childPath(path, i)));
        return;
      }
      checkBlockValue(ctx, type.block, value, path);
      return;
    case "blocks":
      if (Array.isArray(value)) value.forEach((item, i) => checkBlockValue(ctx, type.block, item, childPath(path, i)));
      else checkBlockValue(ctx, type.block, value, path);
      return;
    case "blockmap":
      if (!isObject(value)) return wrong("a map of blocks", "set an object");
      for (const [key, item] of Object.entries(value)) checkBlockValue(ctx, type.block, item, childPath(path, key));
      return;
  }
}

function checkBlockValue(ctx: Context, id: string, value: Json, path: string): void {
  if (value === null || isExpression(value)) return;
  if (!isObject(value)) {
    report(ctx, path, `expected a block (object), got ${describeValue(value)}`, "set an object with the block's arguments");
    return;
  }
  checkBody(ctx, blockSchema(ctx, id), value, path, []);
}

/** The arguments of one block body against its schema; `meta` are the extra keys allowed here. */
function checkBody(ctx: Context, schema: BlockSchema, body: JsonObject, path: string, meta: readonly string[]): void {
  for (const [key, value] of Object.entries(body)) {
    if (meta.includes(key)) continue;
    const arg = schema.args[key];
    if (!arg) {
      report(
        ctx,
        childPath(path, key),
        `unknown argument "${key}"`,
        didYouMean(key, Object.keys(schema.args), "remove it, or check the argument's name in the provider docs"),
      );
      continue;
    }
    checkValue(ctx, parseValueType(arg.type), value, childPath(path, key));
  }
  for (const [key, arg] of Object.entries(schema.args)) {
    if (arg.required && (body[key] === undefined || body[key] === null) && !dynamicBlocks(body).includes(key)) {
      const type = parseValueType(arg.type);
      const what = type.kind === "block" || type.kind === "blocks" ? `block "${key}"` : `argument "${key}"`;
      report(ctx, childPath(path, key), `missing required ${what}`, `set ${key}`);
    }
  }
}

function dynamicBlocks(body: JsonObject): string[] {
  return isObject(body.dynamic) ? Object.keys(body.dynamic) : [];
}

/** In values typed `any`, cdktf passes keys through unconverted: each must already be snake_case. */
function checkSnakeCaseKeys(ctx: Context, value: Json, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkSnakeCaseKeys(ctx, item, childPath(path, i)));
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (!/^[a-z][a-z0-9_]*$/.test(key)) {
        report(
          ctx,
          childPath(path, key),
          `"${key}" is not a Terraform argument name (this block is typed any, so cdktf does not convert its keys)`,
          `write "${snakeCase(key)}"`,
        );
      }
      checkSnakeCaseKeys(ctx, item, childPath(path, key));
    }
  }
}

function checkStringList(ctx: Context, value: Json, path: string, what: string): void {
  if (typeof value === "string" && isTemplate(value)) return;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    report(ctx, path, `expected a list of ${what}, got ${describeValue(value)}`, `set a list of ${what}`);
  }
}

function checkLifecycle(ctx: Context, value: Json, path: string, allowed: typeof RESOURCE_LIFECYCLE): void {
  for (const lifecycle of Array.isArray(value) ? value : [value]) {
    if (!isObject(lifecycle)) {
      report(ctx, path, `expected a lifecycle block, got ${describeValue(lifecycle)}`, "set an object");
      continue;
    }
    for (const [key, item] of Object.entries(lifecycle)) {
      const at = childPath(path, key);
      if (allowed.bool.includes(key)) {
        checkValue(ctx, { kind: "bool" }, item, at);
      } else if (allowed.references.includes(key)) {
        if (!(key === "ignore_changes" && item === "all")) checkStringList(ctx, item, at, "references");
      } else if (allowed.conditions.includes(key)) {
        for (const [i, condition] of blockInstances(item).entries()) checkBody(ctx, CONDITION_BLOCK, condition, childPath(at, i), []);
        if (!Array.isArray(item) && !isObject(item)) report(ctx, at, `expected ${key} blocks, got ${describeValue(item)}`, "set a list of objects");
      } else {
        const names = [...allowed.bool, ...allowed.references, ...allowed.conditions];
        report(ctx, at, `unknown lifecycle argument "${key}"`, didYouMean(key, names, `use one of ${names.join(", ")}`));
      }
    }
  }
}

function checkMetaArguments(ctx: Context, body: JsonObject, isData: boolean, schema: BlockSchema): void {
  if (body.count !== undefined) checkValue(ctx, { kind: "number" }, body.count, "count");
  if (body.count !== undefined && body.for_each !== undefined) {
    report(ctx, "for_each", "count and for_each are both set", "keep one of them");
  }
  if (body.for_each !== undefined && !isExpression(body.for_each) && !isObject(body.for_each) && !Array.isArray(body.for_each)) {
    report(ctx, "for_each", `expected a map or set, got ${describeValue(body.for_each)}`, "set a map or a set of strings");
  }
  if (body.depends_on !== undefined) checkStringList(ctx, body.depends_on, "depends_on", "references");
  if (body.provider !== undefined && typeof body.provider !== "string") {
    report(ctx, "provider", `expected a provider reference such as "aws.dr", got ${describeValue(body.provider)}`, 'set "<provider>.<alias>"');
  }
  if (body.lifecycle !== undefined) checkLifecycle(ctx, body.lifecycle, "lifecycle", isData ? DATA_LIFECYCLE : RESOURCE_LIFECYCLE);
  if (!isData && body.provisioner !== undefined && !Array.isArray(body.provisioner) && !isObject(body.provisioner)) {
    report(ctx, "provisioner", `expected provisioner blocks, got ${describeValue(body.provisioner)}`, "set a list of provisioners");
  }
  if (body.dynamic !== undefined) {
    if (!isObject(body.dynamic)) {
      report(ctx, "dynamic", `expected dynamic blocks by name, got ${describeValue(body.dynamic)}`, "set an object");
      return;
    }
    for (const [name, dynamic] of Object.entries(body.dynamic)) {
      const at = childPath("dynamic", name);
      const arg = schema.args[name];
      const type = arg && parseValueType(arg.type);
      if (!type || (type.kind !== "block" && type.kind !== "blocks")) {
        const blocks = Object.entries(schema.args)
          .filter(([, a]) => /^blocks?:/.test(a.type))
          .map(([n]) => n);
        report(ctx, at, `"${name}" is not a block of this type`, didYouMean(name, blocks, "a dynamic block must generate one of the type's nested blocks"));
        continue;
      }
      if (!isObject(dynamic) || dynamic.for_each === undefined || !isObject(dynamic.content)) {
        report(ctx, at, "a dynamic block needs for_each and content", "set for_each and content");
        continue;
      }
      checkBody(ctx, blockSchema(ctx, type.block), dynamic.content, childPath(at, "content"), []);
    }
  }
}

function checkTypedSection(stack: string, section: Json | undefined, isData: boolean, schema: ProviderSchema, sink: ProblemSink): number {
  if (section === undefined) return 0;
  const kind = isData ? "data source" : "resource";
  if (!isObject(section)) {
    sink.add(stack, isData ? "data" : "resource", "-", `expected ${kind}s by type, got ${describeValue(section)}`, "fix the synthesized JSON");
    return 0;
  }
  const known = isData ? schema.dataSources : schema.resources;
  const other = isData ? schema.resources : schema.dataSources;
  let checked = 0;
  for (const [type, byName] of Object.entries(section)) {
    if (!isObject(byName)) continue;
    for (const [name, instances] of Object.entries(byName)) {
      const address = `${isData ? "data." : ""}${type}.${name}`;
      const builtin = isData ? undefined : BUILTIN_RESOURCES[type];
      const typeSchema: TypeSchema | undefined = builtin?.type ?? known[type];
      checked++;
      if (!typeSchema) {
        const elsewhere = other[type] ? `; "${type}" is a ${isData ? "resource" : "data source"}, not a ${kind}` : "";
        sink.add(
          stack,
          address,
          "-",
          `unknown ${kind} type "${type}": the AWS provider ${schema.providerVersion} has no such ${kind}${elsewhere}`,
          didYouMean(type, Object.keys(known), `check the type name against the provider ${schema.providerVersion} docs`),
        );
        continue;
      }
      const ctx: Context = { stack, address, sink, schema, snakeCaseAny: !builtin };
      const block = builtin?.block ?? blockSchema(ctx, typeSchema.block);
      for (const body of Array.isArray(instances) ? instances : [instances]) {
        if (!isObject(body)) {
          report(ctx, "-", `expected the ${kind}'s arguments (object), got ${describeValue(body)}`, "fix the synthesized JSON");
          continue;
        }
        const meta = isData ? DATA_META_ARGUMENTS : RESOURCE_META_ARGUMENTS;
        checkBody(ctx, block, body, "", meta);
        checkMetaArguments(ctx, body, isData, block);
      }
    }
  }
  return checked;
}

function checkProviders(stack: string, section: Json | undefined, schema: ProviderSchema, sink: ProblemSink): void {
  if (section === undefined) return;
  if (!isObject(section)) {
    sink.add(stack, "provider", "-", `expected providers by name, got ${describeValue(section)}`, "fix the synthesized JSON");
    return;
  }
  for (const [name, configs] of Object.entries(section)) {
    const address = `provider.${name}`;
    if (name !== "aws") {
      sink.add(
        stack,
        address,
        "-",
        `no schema for provider "${name}": this validator knows the AWS provider only`,
        "use the aws provider, or extend tools/validate to read this provider's schema",
      );
      continue;
    }
    const ctx: Context = { stack, address, sink, schema, snakeCaseAny: true };
    const block = blockSchema(ctx, schema.provider);
    const instances = Array.isArray(configs) ? configs : [configs];
    instances.forEach((config, i) => {
      if (!isObject(config)) {
        report(ctx, `[${i}]`, `expected the provider's arguments (object), got ${describeValue(config)}`, "fix the synthesized JSON");
        return;
      }
      checkBody(ctx, block, config, "", ["//"]);
    });
  }
}

function checkBuiltinBlocks(stack: string, section: Json | undefined, kind: "output" | "variable", sink: ProblemSink, schema: ProviderSchema): void {
  if (!isObject(section)) return;
  for (const [name, body] of Object.entries(section)) {
    const ctx: Context = { stack, address: `${kind}.${name}`, sink, schema, snakeCaseAny: false };
    for (const instance of blockInstances(body)) checkBody(ctx, kind === "output" ? OUTPUT_BLOCK : VARIABLE_BLOCK, instance, "", ["//"]);
  }
}

function checkTerraformBlock(stack: string, section: Json | undefined, schema: ProviderSchema, sink: ProblemSink): void {
  for (const terraform of blockInstances(section)) {
    const pinned = isObject(terraform.required_providers) ? terraform.required_providers.aws : undefined;
    const version = isObject(pinned) ? pinned.version : undefined;
    if (typeof version === "string" && version !== schema.providerVersion) {
      sink.add(
        stack,
        "terraform",
        "required_providers.aws.version",
        `pins AWS provider "${version}" but @cdktf/provider-aws ${schema.packageVersion} (whose schema this checks) is generated from ${schema.providerVersion}`,
        `pin ${schema.providerVersion}, or install the @cdktf/provider-aws built for ${version}`,
      );
    }
    for (const backend of blockInstances(terraform.backend)) {
      for (const [type, config] of Object.entries(backend)) {
        for (const [key, value] of Object.entries(isObject(config) ? config : {})) {
          if (typeof value === "string" && isTemplate(value)) {
            sink.add(stack, "terraform", `backend.${type}.${key}`, "a backend setting cannot hold references or interpolations", "set a literal value");
          }
        }
      }
    }
  }
}

/** Checks one stack; returns how many resources and data sources it checked. */
export function checkSchema(stack: string, json: JsonObject, schema: ProviderSchema, sink: ProblemSink): number {
  for (const key of Object.keys(json)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      sink.add(stack, key, "-", `unknown top-level block "${key}"`, didYouMean(key, TOP_LEVEL_KEYS, "remove it"));
    }
  }
  checkTerraformBlock(stack, json.terraform, schema, sink);
  checkProviders(stack, json.provider, schema, sink);
  checkBuiltinBlocks(stack, json.output, "output", sink, schema);
  checkBuiltinBlocks(stack, json.variable, "variable", sink, schema);
  return checkTypedSection(stack, json.resource, false, schema, sink) + checkTypedSection(stack, json.data, true, schema, sink);
}
