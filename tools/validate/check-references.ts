/**
 * Every string holding `${` or `%{` must parse as a Terraform template (HashiCorp's parser) and
 * every reference in it must name something declared, with an attribute its type has; literal
 * `${VAR}`, `${aws:username}` and `%{...}` must have been escaped. Also the references Terraform
 * takes as plain strings in JSON: depends_on, provider, lifecycle ignore_changes and
 * replace_triggered_by.
 */
import { AstNode, checkTemplates, templateAsts } from "./hcl";
import { ProblemSink, childPath, didYouMean } from "./problems";
import { ReferenceContext, Scope, checkExpression, checkTraversal, parseReference } from "./references";
import { BUILTIN_RESOURCES } from "./builtins";
import { ProviderSchema } from "./schema";
import { Declarations, Json, JsonObject, blockInstances, declarations, isObject } from "./stack";
import { escapeParts, findUnescaped, isTemplate, scanTemplate } from "./template";

/** A string of a stack that is a template, and what its references may use. */
export interface TemplateSite {
  readonly stack: string;
  readonly address: string;
  readonly path: string;
  readonly value: string;
  readonly scope: Scope;
  readonly context: ReferenceContext;
}

const NO_SCOPE: Scope = { count: false, each: false, self: false, bound: new Set() };

/** Collects template strings and checks the plain-string references of one stack. */
export class StackReferences {
  public readonly sites: TemplateSite[] = [];
  private readonly context: ReferenceContext;

  constructor(
    private readonly stack: string,
    private readonly json: JsonObject,
    schema: ProviderSchema,
    private readonly sink: ProblemSink,
  ) {
    this.context = { declarations: declarations(json), schema };
  }

  public get declarations(): Declarations {
    return this.context.declarations;
  }

  private collect(address: string, value: Json | undefined, path: string, scope: Scope, skip: readonly string[] = []): void {
    if (typeof value === "string") {
      if (isTemplate(value) || findUnescaped(value).length > 0) {
        this.sites.push({ stack: this.stack, address, path, value, scope, context: this.context });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => this.collect(address, item, childPath(path, i), scope));
    } else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (key !== "//" && !skip.includes(key)) this.collect(address, item, childPath(path, key), scope);
      }
    }
  }

  private report(address: string, path: string, problem: string, fix: string): void {
    this.sink.add(this.stack, address, path, problem, fix);
  }

  private checkPlainReference(address: string, path: string, reference: Json, scope: Scope, kind: string): void {
    if (typeof reference !== "string") return;
    if (reference.includes("${")) {
      this.report(
        address,
        path,
        `${kind} entry "${reference}" is wrapped in \${...}`,
        `write the bare reference "${reference.replace(/^\$\{(.*)\}$/s, "$1")}"`,
      );
      return;
    }
    const parts = parseReference(reference);
    if (!parts) {
      this.report(address, path, `${kind} entry "${reference}" is not a reference`, "write <type>.<name>, data.<type>.<name> or module.<name>");
      return;
    }
    const problem = checkTraversal(parts, scope, this.context, `${kind} entry "${reference}"`);
    if (problem) this.report(address, path, problem.problem, problem.fix);
  }

  private checkProviderReference(address: string, provider: Json | undefined): void {
    if (typeof provider !== "string") return;
    const [name, alias = ""] = provider.replace(/^\$\{(.*)\}$/, "$1").split(".");
    const aliases = this.context.declarations.providers.get(name);
    if (!aliases) {
      this.report(
        address,
        "provider",
        `provider "${provider}" is not configured in this stack`,
        didYouMean(name, this.context.declarations.providers.keys(), "add the provider"),
      );
    } else if (alias && !aliases.has(alias)) {
      const declaredAliases = [...aliases].filter(Boolean);
      this.report(
        address,
        "provider",
        `provider "${provider}" names alias "${alias}", which no ${name} provider block declares`,
        didYouMean(
          alias,
          declaredAliases,
          declaredAliases.length ? `use one of: ${declaredAliases.map((a) => `${name}.${a}`).join(", ")}` : `add a ${name} provider with alias = "${alias}"`,
        ),
      );
    }
  }

  private checkLifecycle(address: string, type: string, isData: boolean, lifecycle: Json | undefined, scope: Scope): void {
    for (const block of blockInstances(lifecycle)) {
      for (const kind of ["precondition", "postcondition"]) {
        const conditionScope = kind === "postcondition" ? { ...scope, self: true } : scope;
        blockInstances(block[kind]).forEach((c, i) => this.collect(address, c, `lifecycle.${kind}[${i}]`, conditionScope));
      }
      if (isData) continue;
      if (Array.isArray(block.ignore_changes)) {
        const schema = BUILTIN_RESOURCES[type]?.block ?? this.context.schema.blocks[this.context.schema.resources[type]?.block ?? ""];
        block.ignore_changes.forEach((entry, i) => {
          const name = typeof entry === "string" ? parseReference(entry)?.[0]?.name : undefined;
          if (schema && name && !schema.args[name]) {
            this.report(
              address,
              `lifecycle.ignore_changes[${i}]`,
              `ignore_changes names "${entry}", which is no argument of ${type}`,
              didYouMean(name, Object.keys(schema.args), "name one of its arguments"),
            );
          }
        });
      }
      if (Array.isArray(block.replace_triggered_by)) {
        block.replace_triggered_by.forEach((entry, i) =>
          this.checkPlainReference(address, `lifecycle.replace_triggered_by[${i}]`, entry, scope, "replace_triggered_by"),
        );
      }
    }
  }

  private checkTyped(section: Json | undefined, isData: boolean): void {
    if (!isObject(section)) return;
    for (const [type, byName] of Object.entries(section)) {
      if (!isObject(byName)) continue;
      for (const [name, instances] of Object.entries(byName)) {
        const address = `${isData ? "data." : ""}${type}.${name}`;
        for (const body of blockInstances(instances)) {
          const scope: Scope = { count: body.count !== undefined, each: body.for_each !== undefined, self: false, bound: new Set() };
          this.collect(address, body, "", scope, ["depends_on", "provider", "lifecycle", "provisioner", "connection", "dynamic"]);
          if (Array.isArray(body.depends_on)) {
            body.depends_on.forEach((d, i) => this.checkPlainReference(address, `depends_on[${i}]`, d, NO_SCOPE, "depends_on"));
          }
          this.checkProviderReference(address, body.provider);
          this.checkLifecycle(address, type, isData, body.lifecycle, scope);
          const selfScope = { ...scope, self: true };
          this.collect(address, body.provisioner, "provisioner", selfScope);
          this.collect(address, body.connection, "connection", selfScope);
          if (isObject(body.dynamic)) {
            for (const [block, dynamic] of Object.entries(body.dynamic)) {
              if (!isObject(dynamic)) continue;
              const iterator = typeof dynamic.iterator === "string" ? dynamic.iterator : block;
              const at = `dynamic.${block}`;
              this.collect(address, dynamic.for_each, `${at}.for_each`, scope);
              this.collect(address, dynamic.content, `${at}.content`, { ...scope, bound: new Set([...scope.bound, iterator]) });
            }
          }
        }
      }
    }
  }

  /** Walks the stack: collects its templates, checks its plain references. */
  public run(): void {
    const json = this.json;
    this.checkTyped(json.resource, false);
    this.checkTyped(json.data, true);
    if (isObject(json.provider)) {
      for (const [name, configs] of Object.entries(json.provider)) this.collect(`provider.${name}`, configs, "", NO_SCOPE);
    }
    for (const locals of blockInstances(json.locals)) {
      for (const [name, value] of Object.entries(locals)) if (name !== "//") this.collect(`local.${name}`, value, "", NO_SCOPE);
    }
    for (const kind of ["output", "module", "variable"] as const) {
      const section = json[kind];
      if (!isObject(section)) continue;
      for (const [name, body] of Object.entries(section)) {
        const address = `${kind}.${name}`;
        for (const instance of blockInstances(body)) {
          const skip = kind === "variable" ? ["type"] : kind === "module" ? ["source", "version", "providers", "depends_on"] : ["depends_on"];
          this.collect(
            address,
            instance,
            "",
            kind === "module" ? { ...NO_SCOPE, count: instance.count !== undefined, each: instance.for_each !== undefined } : NO_SCOPE,
            skip,
          );
          if (Array.isArray(instance.depends_on)) {
            instance.depends_on.forEach((d, i) => this.checkPlainReference(address, `depends_on[${i}]`, d, NO_SCOPE, "depends_on"));
          }
        }
      }
    }
  }
}

/**
 * Checks the templates of all stacks at once: the escapes, then one parse for the syntax of all,
 * then one expression tree per template for the references.
 */
export async function checkTemplateSites(sites: readonly TemplateSite[], sink: ProblemSink): Promise<void> {
  const parseable: { site: TemplateSite; text: string }[] = [];
  for (const site of sites) {
    const parts = scanTemplate(site.value);
    const unescaped = findUnescaped(site.value, parts);
    for (const u of unescaped) sink.add(site.stack, site.address, site.path, u.problem, u.fix);
    const text = unescaped.length
      ? escapeParts(
          site.value,
          unescaped.map((u) => u.part),
        )
      : site.value;
    if (isTemplate(text)) parseable.push({ site, text });
  }

  // The environments share most templates: each distinct one is parsed once. Parsing them all in one
  // call is the usual case; only when that fails are they checked one by one to name the bad ones.
  const texts = [...new Set(parseable.map((p) => p.text))];
  const errors = new Map<string, string>();
  let trees: AstNode[];
  try {
    trees = await templateAsts(texts);
  } catch {
    (await checkTemplates(texts)).forEach((error, i) => error && errors.set(texts[i], error));
    trees = await templateAsts(texts.filter((text) => !errors.has(text)));
  }
  const tree = new Map(texts.filter((text) => !errors.has(text)).map((text, i) => [text, trees[i]]));
  const valid = parseable.filter((p) => {
    const error = errors.get(p.text);
    if (error) {
      sink.add(
        p.site.stack,
        p.site.address,
        p.site.path,
        `does not parse as a Terraform template: ${error}`,
        "fix the expression; if ${ or %{ is meant literally, write $${ or %%{",
      );
    }
    return !error;
  });

  const asts = valid.map((p) => tree.get(p.text)!);
  const references = sink.as("VAL-REF");
  valid.forEach(({ site }, i) => {
    for (const problem of checkExpression(asts[i], site.scope, site.context)) {
      references.add(site.stack, site.address, site.path, problem.problem, problem.fix);
    }
  });
}
