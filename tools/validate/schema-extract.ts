/**
 * Extracts the compact provider schema from what @cdktf/provider-aws ships: the jsii assembly
 * (`.jsii`, every resource and data source class, its config struct and nested structs, with
 * the Terraform name of each property in its docs link) and the generated JavaScript (the
 * Terraform name each attribute getter reads, e.g. `get ownerId() { return
 * this.getStringAttribute('owner_id') }`). Slow (the assembly is 130 MB): run through the cache.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgSchema, BlockSchema, ProviderSchema, TypeSchema } from "./schema";

export const SCHEMA_FORMAT = 1;

interface JsiiTypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: "array" | "map"; readonly elementtype: JsiiTypeRef };
  readonly union?: { readonly types: readonly JsiiTypeRef[] };
}

interface JsiiProperty {
  readonly name: string;
  readonly optional?: boolean;
  readonly static?: boolean;
  readonly type: JsiiTypeRef;
  readonly docs?: { readonly summary?: string; readonly remarks?: string };
}

interface JsiiType {
  readonly fqn: string;
  readonly kind: string;
  readonly name: string;
  readonly base?: string;
  readonly datatype?: boolean;
  readonly docs?: { readonly summary?: string };
  readonly locationInModule?: { readonly filename: string };
  readonly initializer?: { readonly parameters?: readonly { readonly name: string; readonly type: JsiiTypeRef }[] };
  readonly properties?: readonly JsiiProperty[];
}

interface JsiiAssembly {
  readonly name: string;
  readonly version: string;
  readonly types: Record<string, JsiiType>;
}

/** `{@link https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs/resources/vpc#cidr_block Vpc#cidr_block}` */
const PROPERTY_LINK = /\{@link https:\/\/registry\.terraform\.io\/providers\/[^\s}]+#([A-Za-z0-9_]+) [A-Za-z0-9_]+#[A-Za-z0-9_]+\}/;
/** `Represents a {@link https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs/resources/vpc aws_vpc}.` */
const TYPE_LINK =
  /\{@link https:\/\/registry\.terraform\.io\/providers\/[^/\s]+\/[^/\s]+\/([^/\s]+)\/docs(?:\/(resources|data-sources)\/[^\s}]+)? ([A-Za-z0-9_]+)\}/;

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export class SchemaExtractionError extends Error {}

/** Reads the assembly and the generated JS under `packageDir` into a ProviderSchema. */
export function extractProviderSchema(packageDir: string): ProviderSchema {
  const assembly = JSON.parse(fs.readFileSync(path.join(packageDir, ".jsii"), "utf8")) as JsiiAssembly;
  const types = assembly.types;
  const blocks: Record<string, BlockSchema> = {};
  const prefix = `${assembly.name}.`;
  const blockId = (fqn: string) => (fqn.startsWith(prefix) ? fqn.slice(prefix.length) : fqn);

  const valueType = (ref: JsiiTypeRef, where: string): string => {
    if (ref.primitive) {
      if (ref.primitive === "boolean") return "bool";
      if (ref.primitive === "string" || ref.primitive === "number" || ref.primitive === "any") return ref.primitive;
      if (ref.primitive === "json") return "any";
      throw new SchemaExtractionError(`${where}: unexpected primitive ${ref.primitive}`);
    }
    if (ref.union) {
      // cdktf types every non-string value as `X | IResolvable` so that tokens fit; IResolvable alone is any.
      const rest = ref.union.types.filter((t) => t.fqn !== "cdktf.IResolvable");
      if (rest.length === 1) return valueType(rest[0], where);
      return "any";
    }
    if (ref.collection) {
      const element = ref.collection.elementtype;
      const struct = element.fqn && types[element.fqn]?.datatype;
      if (struct) {
        addStruct(element.fqn);
        return `${ref.collection.kind === "array" ? "blocks" : "blockmap"}:${blockId(element.fqn)}`;
      }
      return `${ref.collection.kind === "array" ? "list" : "map"}:${valueType(element, where)}`;
    }
    if (ref.fqn) {
      if (ref.fqn === "cdktf.IResolvable") return "any";
      if (types[ref.fqn]?.datatype) {
        addStruct(ref.fqn);
        return `block:${blockId(ref.fqn)}`;
      }
    }
    throw new SchemaExtractionError(`${where}: unexpected type ${JSON.stringify(ref)}`);
  };

  function addStruct(fqn: string): string {
    const id = blockId(fqn);
    if (blocks[id]) return id;
    const struct = types[fqn];
    if (!struct?.datatype) throw new SchemaExtractionError(`${fqn} is not a struct`);
    const args: Record<string, ArgSchema> = {};
    blocks[id] = { args }; // registered first: structs can be recursive
    for (const prop of struct.properties ?? []) {
      const link = PROPERTY_LINK.exec(`${prop.docs?.summary ?? ""} ${prop.docs?.remarks ?? ""}`);
      const name = link ? link[1] : snakeCase(prop.name);
      const type = valueType(prop.type, `${fqn}.${prop.name}`);
      args[name] = prop.optional ? { type } : { type, required: true };
    }
    return id;
  }

  const resources: Record<string, TypeSchema> = {};
  const dataSources: Record<string, TypeSchema> = {};
  let provider: string | undefined;
  let providerVersion: string | undefined;
  const jsCache = new Map<string, string>();

  for (const type of Object.values(types)) {
    if (type.kind !== "class") continue;
    const isResource = type.base === "cdktf.TerraformResource";
    const isData = type.base === "cdktf.TerraformDataSource";
    const isProvider = type.base === "cdktf.TerraformProvider";
    if (!isResource && !isData && !isProvider) continue;

    const link = TYPE_LINK.exec(type.docs?.summary ?? "");
    if (!link) throw new SchemaExtractionError(`${type.fqn}: no registry link naming its Terraform type`);
    providerVersion ??= link[1];
    const configRef = type.initializer?.parameters?.find((p) => p.name === "config")?.type;
    if (!configRef?.fqn) throw new SchemaExtractionError(`${type.fqn}: no config struct`);
    const block = addStruct(configRef.fqn);
    if (isProvider) {
      provider = block;
      continue;
    }

    const file = type.locationInModule?.filename;
    if (!file) throw new SchemaExtractionError(`${type.fqn}: no source location`);
    const jsFile = path.join(packageDir, file.replace(/^src\//, "lib/").replace(/\.ts$/, ".js"));
    let js = jsCache.get(jsFile);
    if (js === undefined) {
      js = fs.readFileSync(jsFile, "utf8");
      jsCache.clear(); // one module per resource: keep only the current file
      jsCache.set(jsFile, js);
    }
    const attributes = new Set([...Object.keys(blocks[block].args), ...attributeNames(js, type)]);
    (isResource ? resources : dataSources)[link[3]] = { block, attributes: [...attributes].sort() };
  }

  if (!provider || !providerVersion) throw new SchemaExtractionError(`${assembly.name}: no provider class`);
  return { format: SCHEMA_FORMAT, providerVersion, packageVersion: assembly.version, resources, dataSources, provider, blocks };
}

/**
 * The Terraform names of the attributes a resource class exposes, read from its generated getters:
 * `get arn() { return this.getStringAttribute('arn'); }` (also wrapped, e.g. `cdktf.Fn.tolist(...)`)
 * and `this._filter = new XList(this, "filter", ...)` for nested blocks.
 */
function attributeNames(js: string, type: JsiiType): string[] {
  const start = js.indexOf(`class ${type.name} extends cdktf.`);
  const end = js.indexOf(`exports.${type.name} = ${type.name};`, start);
  if (start < 0 || end < 0) throw new SchemaExtractionError(`${type.fqn}: class not found in the generated JS`);
  const body = js.slice(start, end);
  const names: string[] = [];
  for (const m of body.matchAll(/this\.(?:get[A-Za-z]*Attribute|interpolationForAttribute)\('([^']+)'\)/g)) names.push(m[1]);
  for (const m of body.matchAll(/this\._[A-Za-z0-9]+ = new [A-Za-z0-9_]+\(this, "([^"]+)"/g)) names.push(m[1]);
  return names;
}
