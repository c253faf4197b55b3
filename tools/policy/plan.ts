/** A synthesized stack (cdk.tf.json) as the policy rules read it: blocks by type, references, IAM statements. */
import { Json, JsonObject, blockInstances, isObject } from "../json";

export type { Json, JsonObject };
export { blockInstances, isObject };

export interface Block {
  /** `aws_x.name` for resources, `data.aws_x.name` for data sources. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly body: JsonObject;
}

/** An IAM statement, normalized from an aws_iam_policy_document block or a JSON policy string. */
export interface Statement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** Principal identifiers; empty for identity policies. */
  readonly principals: readonly string[];
  readonly conditions: readonly { readonly test: string; readonly variable: string; readonly values: readonly string[] }[];
}

const REFERENCE = /\$\{(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;

const list = (value: Json | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];

export class Plan {
  /** The `Environment` default tag of the stack's AWS provider (`dev`, `prod`, `state`...). */
  public readonly environment: string | undefined;

  public constructor(
    public readonly stack: string,
    public readonly json: JsonObject,
  ) {
    const tags = blockInstances(blockInstances(this.providers()[0]?.default_tags)[0]?.tags);
    const environment = tags[0]?.Environment;
    this.environment = typeof environment === "string" ? environment : undefined;
  }

  /** Whether the production promises (protection, backups, long retention) apply. */
  public get isProd(): boolean {
    return this.environment === "prod";
  }

  /** The AWS provider configurations, the default one first. */
  public providers(): JsonObject[] {
    const aws = blockInstances(isObject(this.json.provider) ? this.json.provider.aws : undefined);
    return [...aws.filter((p) => p.alias === undefined), ...aws.filter((p) => p.alias !== undefined)];
  }

  /** Region of the provider a block uses (`aws.dr` or the default). */
  public regionOf(block: Block): string | undefined {
    const alias = typeof block.body.provider === "string" ? block.body.provider.replace(/^aws\./, "") : undefined;
    const provider = this.providers().find((p) => (alias ? p.alias === alias : p.alias === undefined));
    return typeof provider?.region === "string" ? provider.region : undefined;
  }

  public resources(type: string): Block[] {
    return this.blocks("resource", type, "");
  }

  public data(type: string): Block[] {
    return this.blocks("data", type, "data.");
  }

  /** Every resource of the stack. */
  public allResources(): Block[] {
    const section = isObject(this.json.resource) ? this.json.resource : {};
    return Object.keys(section).flatMap((type) => this.resources(type));
  }

  public block(address: string): Block | undefined {
    const data = address.startsWith("data.");
    const [type, name] = (data ? address.slice(5) : address).split(".");
    return (data ? this.data(type) : this.resources(type)).find((b) => b.name === name);
  }

  /** Addresses of the blocks a value refers to (`${aws_x.y.attr}`), in order. */
  public references(value: Json | undefined): string[] {
    const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
    return [...text.matchAll(REFERENCE)].map((m) => `${m[1] ?? ""}${m[2]}.${m[3]}`);
  }

  /** Whether `value` refers to the block at `address`. */
  public refersTo(value: Json | undefined, address: string): boolean {
    return this.references(value).includes(address);
  }

  /** Blocks of `type` that refer to `target` under `key`. */
  public referrers(type: string, key: string, target: Block): Block[] {
    return this.resources(type).filter((b) => this.refersTo(b.body[key], target.address));
  }

  /**
   * The statements of a policy argument: a `${data.aws_iam_policy_document.x.json}` reference or a
   * literal JSON policy. Undefined when neither (e.g. a computed policy).
   */
  public statements(policy: Json | undefined): Statement[] | undefined {
    if (typeof policy !== "string") return undefined;
    const reference = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$/.exec(policy);
    if (reference) {
      const document = this.block(`data.aws_iam_policy_document.${reference[1]}`);
      return document ? documentStatements(document.body) : undefined;
    }
    try {
      return jsonStatements(JSON.parse(policy));
    } catch {
      return undefined;
    }
  }

  private blocks(section: "resource" | "data", type: string, prefix: string): Block[] {
    const all = this.json[section];
    const byName = isObject(all) && isObject(all[type]) ? all[type] : {};
    return Object.entries(byName)
      .filter((entry): entry is [string, JsonObject] => isObject(entry[1]))
      .map(([name, body]) => ({ address: `${prefix}${type}.${name}`, type, name, body }));
  }
}

function documentStatements(document: JsonObject): Statement[] {
  return blockInstances(document.statement).map((s) => ({
    sid: typeof s.sid === "string" ? s.sid : undefined,
    effect: s.effect === "Deny" ? "Deny" : "Allow",
    actions: list(s.actions),
    resources: list(s.resources),
    principals: blockInstances(s.principals).flatMap((p) => list(p.identifiers)),
    conditions: blockInstances(s.condition).map((c) => ({ test: String(c.test), variable: String(c.variable), values: list(c.values) })),
  }));
}

function jsonStatements(policy: unknown): Statement[] | undefined {
  if (!isObject(policy)) return undefined;
  return blockInstances(policy.Statement).map((s) => {
    const principal = s.Principal;
    const principals = principal === "*" ? ["*"] : isObject(principal) ? Object.values(principal).flatMap((v) => list(v)) : [];
    const conditions = isObject(s.Condition)
      ? Object.entries(s.Condition).flatMap(([test, vars]) =>
          isObject(vars) ? Object.entries(vars).map(([variable, values]) => ({ test, variable, values: list(values) })) : [],
        )
      : [];
    return {
      sid: typeof s.Sid === "string" ? s.Sid : undefined,
      effect: s.Effect === "Deny" ? "Deny" : "Allow",
      actions: list(s.Action),
      resources: list(s.Resource),
      principals,
      conditions,
    };
  });
}

/** The value at a dotted path (`rule[0].lifecycle.delete_after` as `["rule", 0, "lifecycle", "delete_after"]`), blocks given as one object or a list of one. */
export function at(body: Json | undefined, ...path: (string | number)[]): Json | undefined {
  let value: Json | undefined = body;
  for (const key of path) {
    if (typeof key === "number") value = Array.isArray(value) ? value[key] : key === 0 ? value : undefined;
    else value = isObject(value) ? value[key] : Array.isArray(value) && isObject(value[0]) ? value[0][key] : undefined;
    if (value === undefined) return undefined;
  }
  return value;
}

/** True for `true` and `"true"` (the provider accepts both for some booleans). */
export function isTrue(value: Json | undefined): boolean {
  return value === true || value === "true";
}
