/**
 * Whether a reference names something the stack declares, and an attribute its type has:
 * resource.type.name.attr, data.type.name.attr, var.x, local.x, module.x, terraform.workspace,
 * path.*, count.index, each.key/value, self.
 */
import { BUILTIN_RESOURCES, PATH_ATTRIBUTES, TERRAFORM_ATTRIBUTES } from "./builtins";
import { AstNode } from "./hcl";
import { closest } from "../../src/closest";
import { didYouMean } from "./problems";
import { ProviderSchema, TypeSchema } from "./schema";
import { Declarations, ResourceDeclaration } from "./stack";

export interface Scope {
  /** The block sets count (count.index is available) / for_each (each.key, each.value). */
  readonly count: boolean;
  readonly each: boolean;
  /** In a provisioner, connection or postcondition (self is available). */
  readonly self: boolean;
  /** Names bound locally: for-expression variables, dynamic block iterators. */
  readonly bound: ReadonlySet<string>;
}

export interface TraversalPart {
  readonly name?: string;
  readonly index?: string;
}

export interface ReferenceProblem {
  readonly problem: string;
  readonly fix: string;
}

export interface ReferenceContext {
  readonly declarations: Declarations;
  readonly schema: ProviderSchema;
}

function text(parts: readonly TraversalPart[]): string {
  return parts.map((p, i) => (p.name !== undefined ? `${i ? "." : ""}${p.name}` : `[${p.index}]`)).join("");
}

function resourceType(ctx: ReferenceContext, type: string, isData: boolean): TypeSchema | undefined {
  return isData ? ctx.schema.dataSources[type] : (BUILTIN_RESOURCES[type]?.type ?? ctx.schema.resources[type]);
}

/** After `type.name`: the instance key (if any) and the attribute. */
function checkInstanceAndAttribute(
  ref: string,
  address: string,
  declaration: ResourceDeclaration,
  type: TypeSchema | undefined,
  typeName: string,
  rest: readonly TraversalPart[],
): ReferenceProblem | undefined {
  let i = 0;
  if (rest[0]?.index !== undefined) {
    if (!declaration.repeated && rest[0].index !== "*") {
      return { problem: `${ref}: ${address} has no count or for_each, so it has no instance [${rest[0].index}]`, fix: `write ${address}.<attribute>` };
    }
    i = 1;
  } else if (declaration.repeated && rest.length > 0) {
    return {
      problem: `${ref}: ${address} has count or for_each, so an attribute needs an instance`,
      fix: `write ${address}[<key>].${rest[0].name} or ${address}[*].${rest[0].name}`,
    };
  }
  const attribute = rest[i]?.name;
  if (attribute !== undefined && type && !type.attributes.includes(attribute)) {
    return {
      problem: `${ref}: ${typeName} has no attribute "${attribute}"`,
      fix: didYouMean(attribute, type.attributes, `use one of its attributes: ${type.attributes.join(", ")}`),
    };
  }
  return undefined;
}

function declared(kind: string, ref: string, name: string | undefined, names: ReadonlySet<string>, how: string): ReferenceProblem | undefined {
  if (name === undefined) return { problem: `${ref}: ${kind} must be followed by a name`, fix: `write ${kind}.<name>` };
  if (names.has(name)) return undefined;
  return { problem: `${ref} names ${kind}.${name}, which this stack does not declare`, fix: didYouMean(name, names, how) };
}

/** Checks one traversal (a reference); returns its problem, if any. */
export function checkTraversal(parts: readonly TraversalPart[], scope: Scope, ctx: ReferenceContext, label?: string): ReferenceProblem | undefined {
  const root = parts[0]?.name;
  if (root === undefined || scope.bound.has(root)) return undefined;
  const ref = label ?? `reference ${text(parts)}`;
  const next = parts[1]?.name;
  const d = ctx.declarations;
  switch (root) {
    case "var":
      return declared("var", ref, next, d.variables, "declare it (TerraformVariable) or fix the name");
    case "local":
      return declared("local", ref, next, d.locals, "declare it (TerraformLocal) or fix the name");
    case "module":
      return declared("module", ref, next, d.modules, "declare the module or fix the name");
    case "terraform":
      return next !== undefined && TERRAFORM_ATTRIBUTES.includes(next)
        ? undefined
        : { problem: `${ref}: terraform has no attribute "${next ?? ""}"`, fix: `use terraform.${TERRAFORM_ATTRIBUTES.join(" or terraform.")}` };
    case "path":
      return next !== undefined && PATH_ATTRIBUTES.includes(next)
        ? undefined
        : { problem: `${ref}: path has no attribute "${next ?? ""}"`, fix: `use path.${PATH_ATTRIBUTES.join(", path.")}` };
    case "count":
      if (!scope.count)
        return { problem: `${ref}: count.index is only available in a block that sets count`, fix: "set count on the block, or do not use count.index" };
      return next === "index" ? undefined : { problem: `${ref}: count has no attribute "${next ?? ""}"`, fix: "write count.index" };
    case "each":
      if (!scope.each) return { problem: `${ref}: each is only available in a block that sets for_each`, fix: "set for_each on the block, or do not use each" };
      return next === "key" || next === "value" ? undefined : { problem: `${ref}: each has no attribute "${next ?? ""}"`, fix: "write each.key or each.value" };
    case "self":
      return scope.self
        ? undefined
        : { problem: `${ref}: self is only available in provisioner, connection and postcondition blocks`, fix: "reference the resource by its address" };
    case "data": {
      const type = next;
      const name = parts[2]?.name;
      if (type === undefined || name === undefined)
        return { problem: `${ref}: data must be followed by a type and a name`, fix: "write data.<type>.<name>.<attribute>" };
      const declaration = d.data.get(type)?.get(name);
      if (!declaration) {
        const candidates = [...(d.data.get(type)?.keys() ?? [])];
        return {
          problem: `${ref} names data.${type}.${name}, which this stack does not declare`,
          fix: didYouMean(
            name,
            candidates,
            d.data.has(type) ? `declare it or use one of: ${candidates.join(", ")}` : "declare the data source or fix the reference",
          ),
        };
      }
      return checkInstanceAndAttribute(ref, `data.${type}.${name}`, declaration, resourceType(ctx, type, true), type, parts.slice(3));
    }
    default: {
      if (next === undefined) {
        return {
          problem: `${ref}: "${root}" alone is not a reference (a resource is <type>.<name>)`,
          fix: `if it is text for another language, escape it as $\${${root}}`,
        };
      }
      const declaration = d.resources.get(root)?.get(next);
      if (!declaration) {
        if (!resourceType(ctx, root, false)) {
          const hint = ctx.schema.dataSources[root] ? `write data.${root}.${next}` : didYouMean(root, d.resources.keys(), "fix the reference");
          return { problem: `${ref}: "${root}" is no declared resource type, variable or other reference root`, fix: hint };
        }
        const candidates = [...(d.resources.get(root)?.keys() ?? [])];
        const near = closest(next, candidates);
        return {
          problem: `${ref} names ${root}.${next}, which this stack does not declare`,
          fix: near ? `did you mean ${root}.${near}?` : "declare the resource or fix the reference",
        };
      }
      return checkInstanceAndAttribute(ref, `${root}.${next}`, declaration, resourceType(ctx, root, false), root, parts.slice(2));
    }
  }
}

function partsOf(node: AstNode): TraversalPart[] {
  return (node.meta?.traversal ?? []).map((p) => (p.type === "nameTraversal" ? { name: p.segment } : { index: p.segment }));
}

/** Every reference in an expression tree from hcl2json's getExpressionAst. */
export function checkExpression(node: AstNode, scope: Scope, ctx: ReferenceContext): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const walk = (n: AstNode, bound: ReadonlySet<string>) => {
    const children = n.children ?? [];
    if (n.type === "for") {
      const inner = new Set(bound);
      for (const v of [n.meta?.keyVar, n.meta?.valVar]) if (v) inner.add(v);
      children.forEach((c) => walk(c, inner));
      return;
    }
    if (n.type === "scopeTraversal") {
      const problem = checkTraversal(partsOf(n), { ...scope, bound }, ctx);
      if (problem) problems.push(problem);
      return;
    }
    if (n.type === "splat" && children[0]?.type === "scopeTraversal") {
      // aws_subnet.x[*].id: the source, a splat, then the attribute read from each element.
      const attribute = children.find((c) => c.type === "relativeTraversal");
      const parts = [...partsOf(children[0]), { index: "*" }, ...(attribute ? partsOf(attribute) : [])];
      const problem = checkTraversal(parts, { ...scope, bound }, ctx);
      if (problem) problems.push(problem);
      children.slice(1).forEach((c) => c.type !== "relativeTraversal" && walk(c, bound));
      return;
    }
    children.forEach((c) => walk(c, bound));
  };
  walk(node, scope.bound);
  return problems;
}

/** `aws_x.y`, `data.aws_x.y.attr`, `module.m`, `aws_x.y[0]` as traversal parts (for depends_on and the like). */
export function parseReference(reference: string): TraversalPart[] | undefined {
  const parts: TraversalPart[] = [];
  const pattern = /\.?([A-Za-z_][\w-]*)|\[\s*("[^"]*"|\d+|\*)\s*\]/gy;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(reference))) {
    parts.push(m[1] !== undefined ? { name: m[1] } : { index: m[2] });
    if (pattern.lastIndex === reference.length) return parts;
  }
  return undefined;
}
