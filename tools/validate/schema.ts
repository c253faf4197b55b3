/**
 * The compact provider schema the validator works from, and how to read its value types.
 *
 * A value type is a short string, so that the cached schema stays small:
 *   "string" | "number" | "bool" | "any"
 *   "list:<type>" | "map:<type>"                 (collections of a value type)
 *   "block:<id>" | "blocks:<id>" | "blockmap:<id>" (one nested block, a list of them, a map of them)
 * where <id> names an entry of `blocks`.
 */

export interface ArgSchema {
  readonly type: string;
  readonly required?: true;
}

export interface BlockSchema {
  /** Terraform argument name to its schema. */
  readonly args: Record<string, ArgSchema>;
}

export interface TypeSchema {
  /** The block schema of the type's body (an entry of `blocks`). */
  readonly block: string;
  /** Every attribute a reference may read: the arguments and the computed attributes. */
  readonly attributes: readonly string[];
}

export interface ProviderSchema {
  /** Bumped whenever the extraction changes, so that old caches are rebuilt. */
  readonly format: number;
  /** Version of the Terraform provider (e.g. 6.25.0) the package was generated from. */
  readonly providerVersion: string;
  /** Version of the npm package (@cdktf/provider-aws) the schema was read from. */
  readonly packageVersion: string;
  readonly resources: Record<string, TypeSchema>;
  readonly dataSources: Record<string, TypeSchema>;
  /** The provider block's own arguments. */
  readonly provider: string;
  readonly blocks: Record<string, BlockSchema>;
}

export type ValueType =
  | { readonly kind: "string" | "number" | "bool" | "any" }
  | { readonly kind: "list" | "map"; readonly element: ValueType }
  | { readonly kind: "block" | "blocks" | "blockmap"; readonly block: string };

const parsed = new Map<string, ValueType>();

export function parseValueType(type: string): ValueType {
  let result = parsed.get(type);
  if (result) return result;
  const colon = type.indexOf(":");
  const head = colon < 0 ? type : type.slice(0, colon);
  const rest = type.slice(colon + 1);
  switch (head) {
    case "string":
    case "number":
    case "bool":
    case "any":
      result = { kind: head };
      break;
    case "list":
    case "map":
      result = { kind: head, element: parseValueType(rest) };
      break;
    case "block":
    case "blocks":
    case "blockmap":
      result = { kind: head, block: rest };
      break;
    default:
      throw new Error(`unknown value type "${type}" in the provider schema cache`);
  }
  parsed.set(type, result);
  return result;
}

/** How a value type reads in a message: `string`, `list of string`, `block`, ... */
export function describeType(type: ValueType): string {
  switch (type.kind) {
    case "list":
    case "map":
      return `${type.kind} of ${describeType(type.element)}`;
    case "block":
      return "a single block (object)";
    case "blocks":
      return "a list of blocks";
    case "blockmap":
      return "a map of blocks";
    default:
      return type.kind;
  }
}
