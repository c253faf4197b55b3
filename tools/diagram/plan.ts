/**
 * The synthesized plan as the diagram reads it: resources with their references (`${aws_x.y.attr}`
 * tokens, also inside expressions such as jsonencode(...)), the provider region of each, and the
 * subnets with their tier, AZ and CIDR.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Resource {
  /** `type.name`, or `data.type.name` for a data source. */
  readonly address: string;
  readonly type: string;
  readonly body: JsonObject;
  /** Region of the resource's provider. */
  readonly region: string;
  /** The provider alias, when not the default provider. */
  readonly alias?: string;
  /** Addresses this resource references, each with the attributes it reads. */
  readonly references: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface Subnet {
  readonly address: string;
  readonly tier: string;
  /** The AZ expression (a literal or `element(...names, i)`): only compared, never shown. */
  readonly zone: string;
  readonly cidr?: string;
}

export interface Plan {
  readonly stack: string;
  readonly region: string;
  readonly resources: ReadonlyMap<string, Resource>;
  readonly subnets: ReadonlyMap<string, Subnet>;
}

const TOKEN = /\b(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?(?:\.([a-z0-9_]+))?/g;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function strings(value: Json | undefined, out: string[]): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (isObject(value)) for (const [key, item] of Object.entries(value)) if (key !== "//") strings(item, out);
  return out;
}

/** Addresses referenced anywhere in `value` that `known` declares, with the attributes read. */
export function referencesIn(value: Json | undefined, known: ReadonlySet<string>): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const text of strings(value, [])) {
    if (!text.includes("${")) continue;
    for (const match of text.matchAll(TOKEN)) {
      const address = `${match[1] ?? ""}${match[2]}.${match[3]}`;
      if (!known.has(address)) continue;
      if (!found.has(address)) found.set(address, new Set());
      if (match[4]) found.get(address)!.add(match[4]);
    }
  }
  return found;
}

function providerRegions(stack: JsonObject): { region: string; aliases: Map<string, string> } {
  const aliases = new Map<string, string>();
  let region = "";
  const providers = isObject(stack.provider) ? stack.provider.aws : undefined;
  for (const provider of Array.isArray(providers) ? providers : providers ? [providers] : []) {
    if (!isObject(provider) || typeof provider.region !== "string") continue;
    if (typeof provider.alias === "string") aliases.set(provider.alias, provider.region);
    else region = provider.region;
  }
  return { region, aliases };
}

function tierOf(body: JsonObject): string {
  const tags = isObject(body.tags) ? body.tags : {};
  if (typeof tags.Tier === "string") return tags.Tier;
  const name = typeof tags.Name === "string" ? tags.Name : "";
  return /-([a-z]+)-\d+$/.exec(name)?.[1] ?? (body.map_public_ip_on_launch === true ? "public" : "subnets");
}

export function readPlan(stack: string, json: JsonObject): Plan {
  const { region, aliases } = providerRegions(json);
  const raw: { address: string; type: string; body: JsonObject }[] = [];
  for (const [kind, prefix] of [
    ["resource", ""],
    ["data", "data."],
  ] as const) {
    const blocks = json[kind];
    if (!isObject(blocks)) continue;
    for (const [type, instances] of Object.entries(blocks)) {
      if (!isObject(instances)) continue;
      for (const [name, body] of Object.entries(instances)) if (isObject(body)) raw.push({ address: `${prefix}${type}.${name}`, type, body });
    }
  }
  const known = new Set(raw.map((r) => r.address));
  const resources = new Map<string, Resource>();
  for (const r of raw) {
    const alias = typeof r.body.provider === "string" ? r.body.provider.replace(/^aws\./, "") : undefined;
    const { provider: _provider, depends_on: _dependsOn, "//": _metadata, ...body } = r.body;
    resources.set(r.address, {
      ...r,
      body,
      alias,
      region: (alias && aliases.get(alias)) || region,
      references: referencesIn(body, known),
    });
  }
  const subnets = new Map<string, Subnet>();
  for (const r of resources.values()) {
    if (r.type !== "aws_subnet") continue;
    const zone = String(r.body.availability_zone ?? r.body.availability_zone_id ?? r.address);
    subnets.set(r.address, { address: r.address, tier: tierOf(r.body), zone, cidr: typeof r.body.cidr_block === "string" ? r.body.cidr_block : undefined });
  }
  return { stack, region, resources, subnets };
}
