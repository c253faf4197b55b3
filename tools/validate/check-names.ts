/**
 * The AWS name rules of src/naming.ts, applied to every name in the plan by each rule's
 * `appliesTo`. In a name holding `${...}`, the literal parts are checked: a reference to
 * local.workspace_suffix counts as up to WORKSPACE_SUFFIX_MAX_LENGTH characters, any other
 * interpolation as one letter (its value is unknown until plan).
 */
import { NAME_RULES, NameKind, checkName, checkNamePrefix } from "../../src/naming";
import { ProblemSink } from "./problems";
import { JsonObject, blockInstances, isObject } from "./stack";
import { literalWith, partContent, scanTemplate } from "./template";

/** "-" and a workspace name of at most MAX_WORKSPACE_LENGTH (10) characters: see src/shared/workspace-policy.ts. */
export const WORKSPACE_SUFFIX_MAX_LENGTH = 11;
const WORKSPACE_SUFFIX = /^local\.workspace_suffix$/;

export interface NameUnderTest {
  /** The name with interpolations replaced: workspace suffix by nothing, others by one letter. */
  readonly literal: string;
  /** Characters the workspace suffix may add. */
  readonly reserved: number;
  /** Whether any of it is literal text (a name that is wholly an expression is not checked). */
  readonly hasLiteral: boolean;
}

export function nameUnderTest(value: string): NameUnderTest {
  let reserved = 0;
  const parts = scanTemplate(value);
  const literal = literalWith(parts, (part) => {
    if (part.kind === "interpolation" && WORKSPACE_SUFFIX.test(partContent(part))) {
      reserved += WORKSPACE_SUFFIX_MAX_LENGTH;
      return "";
    }
    return "x";
  });
  return { literal, reserved, hasLiteral: parts.some((p) => p.kind === "literal") };
}

export function checkNames(stack: string, json: JsonObject, sink: ProblemSink): void {
  const resources = isObject(json.resource) ? json.resource : {};
  for (const [kind, rule] of Object.entries(NAME_RULES) as [NameKind, (typeof NAME_RULES)[NameKind]][]) {
    for (const { type, attribute, prefix } of rule.appliesTo as readonly { type: string; attribute: string; prefix?: boolean }[]) {
      const byName = resources[type];
      if (!isObject(byName)) continue;
      for (const [name, instances] of Object.entries(byName)) {
        for (const body of blockInstances(instances)) {
          const value = body[attribute];
          if (typeof value !== "string") continue;
          const { literal, reserved, hasLiteral } = nameUnderTest(value);
          if (!hasLiteral) continue;
          const problem = prefix ? checkNamePrefix(kind, literal, reserved) : checkName(kind, literal, reserved);
          if (problem) {
            sink.add(
              stack,
              `${type}.${name}`,
              attribute,
              `name "${value}" ${problem} (AWS would refuse it at apply)`,
              `change the name passed to the naming helper (src/naming.ts, rule ${kind}) so it fits`,
            );
          }
        }
      }
    }
  }
}
