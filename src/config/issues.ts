import { z } from "zod";
import { closest } from "../closest";

/** Where each top-level section's fields are declared, with what each holds. */
const SCHEMA_FILES: Record<string, string> = {
  app: "src/config/app-schema.ts",
  edge: "src/config/app-schema.ts",
  audit: "src/config/audit-schema.ts",
  observability: "src/config/observability-schema.ts",
  pipeline: "src/config/pipeline-schema.ts",
};

type Schema = z.core.$ZodType;

/** The schema a path leads to (through optional fields, records and arrays), if it leads to one. */
export function schemaAt(root: Schema, path: readonly PropertyKey[]): Schema | undefined {
  let schema: Schema | undefined = root;
  for (const key of path) {
    schema = unwrap(schema);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- zod's internal definitions have no public type
    const def: any = schema?._zod.def;
    if (def?.type === "object") schema = def.shape[key as string];
    else if (def?.type === "record") schema = def.valueType;
    else if (def?.type === "array") schema = def.element;
    else return undefined;
  }
  return schema;
}

function unwrap(schema: Schema | undefined): Schema | undefined {
  let s = schema;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- zod's internal definitions have no public type
  while (s && (s._zod.def.type === "optional" || s._zod.def.type === "default")) s = (s._zod.def as any).innerType;
  return s;
}

/** What a field holds: its description, on the field or on what it wraps. */
function description(schema: Schema | undefined): string | undefined {
  return (schema && z.globalRegistry.get(schema)?.description) ?? (schema !== unwrap(schema) ? description(unwrap(schema)) : undefined);
}

/** A required field left out: nothing given where a type, one of a union or one of some values was expected. */
export function isMissing(issue: z.core.$ZodIssue): boolean {
  return issue.input === undefined && (issue.code === "invalid_type" || issue.code === "invalid_union" || issue.code === "invalid_value");
}

/**
 * zod's message, or one that says how to fix the input: a missing field is required and this is
 * what it holds; an unknown key is probably a typo of the nearest known one.
 */
export function explainIssue(root: Schema, issue: z.core.$ZodIssue): string {
  if (isMissing(issue)) {
    const meaning = description(schemaAt(root, issue.path));
    const where = SCHEMA_FILES[String(issue.path[0])] ?? "src/config/schema.ts";
    const kind = issue.code === "invalid_type" ? ` (${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected})` : "";
    return meaning ? `is required: ${meaning}${kind}` : `is required${kind}; ${where} says what it holds`;
  }
  if (issue.code === "unrecognized_keys") {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- zod's internal definitions have no public type
    const shape: any = unwrap(schemaAt(root, issue.path))?._zod.def;
    const known: string[] = shape?.type === "object" ? Object.keys(shape.shape) : [];
    return issue.keys
      .map((key) => {
        const near = closest(key, known);
        return near ? `has an unknown key "${key}": did you mean "${near}"?` : `has an unknown key "${key}"; known keys: ${known.join(", ")}`;
      })
      .join("; ");
  }
  return issue.message;
}
