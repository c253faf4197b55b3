/**
 * What Terraform itself defines beside the provider: meta-arguments, lifecycle, the builtin
 * terraform_data resource, and the arguments of output/variable blocks.
 */
import { BlockSchema, TypeSchema } from "./schema";

/** Meta-arguments every resource accepts (`//` is cdktf's metadata comment). */
export const RESOURCE_META_ARGUMENTS = ["//", "count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection", "dynamic"];
export const DATA_META_ARGUMENTS = ["//", "count", "for_each", "depends_on", "provider", "lifecycle", "dynamic"];

/** lifecycle arguments, by what they hold. */
export const RESOURCE_LIFECYCLE = {
  bool: ["create_before_destroy", "prevent_destroy"],
  references: ["ignore_changes", "replace_triggered_by"],
  conditions: ["precondition", "postcondition"],
};
export const DATA_LIFECYCLE = { bool: [] as string[], references: [] as string[], conditions: ["precondition", "postcondition"] };

export const CONDITION_BLOCK: BlockSchema = {
  args: { condition: { type: "any", required: true }, error_message: { type: "string", required: true } },
};

/** The builtin resource Terraform ships (no provider): https://developer.hashicorp.com/terraform/language/resources/terraform-data */
export const BUILTIN_RESOURCES: Record<string, { readonly type: TypeSchema; readonly block: BlockSchema }> = {
  terraform_data: {
    type: { block: "builtin.terraform_data", attributes: ["id", "input", "output", "triggers_replace"] },
    block: { args: { input: { type: "any" }, triggers_replace: { type: "any" } } },
  },
};

export const OUTPUT_BLOCK: BlockSchema = {
  args: {
    value: { type: "any", required: true },
    description: { type: "string" },
    sensitive: { type: "bool" },
    ephemeral: { type: "bool" },
    depends_on: { type: "list:string" },
    precondition: { type: "blocks:builtin.condition" },
  },
};

export const VARIABLE_BLOCK: BlockSchema = {
  args: {
    type: { type: "string" },
    default: { type: "any" },
    description: { type: "string" },
    sensitive: { type: "bool" },
    nullable: { type: "bool" },
    ephemeral: { type: "bool" },
    validation: { type: "blocks:builtin.condition" },
  },
};

export const BUILTIN_BLOCKS: Record<string, BlockSchema> = {
  "builtin.condition": CONDITION_BLOCK,
  "builtin.terraform_data": BUILTIN_RESOURCES.terraform_data.block,
};

/** Top-level keys of a Terraform JSON configuration. */
export const TOP_LEVEL_KEYS = [
  "//",
  "terraform",
  "provider",
  "resource",
  "data",
  "locals",
  "variable",
  "output",
  "module",
  "moved",
  "import",
  "removed",
  "check",
];

/** Roots a reference may start with beside resource types. */
export const TERRAFORM_ATTRIBUTES = ["workspace", "applying"];
export const PATH_ATTRIBUTES = ["module", "root", "cwd"];
