/**
 * HashiCorp's HCL parser, through @cdktf/hcl2json (Go compiled to WebAssembly): parses whole
 * files, and many templates in one call by writing each as an attribute of a generated file.
 */
import { getExpressionAst, parse } from "@cdktf/hcl2json";
import { setFlagsFromString } from "node:v8";

// The parser is a large WebAssembly module run briefly: V8's optimizing tier would spend more time
// compiling it (1-2 s on two cores) than it saves. Liftoff, the baseline compiler, only. Affects
// WebAssembly compiled after this point, in this process (the validator's, or a test worker).
setFlagsFromString("--liftoff-only");

/** A node of the expression tree getExpressionAst returns (see @cdktf/hcl2json syntax-tree). */
export interface AstNode {
  readonly type: string;
  readonly meta?: {
    readonly value?: string;
    readonly keyVar?: string;
    readonly valVar?: string;
    readonly traversal?: readonly { readonly type: "nameTraversal" | "indexTraversal"; readonly segment: string }[];
  };
  readonly children?: readonly AstNode[];
}

export class HclSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based line of the first error, when the parser said. */
    public readonly line?: number,
  ) {
    super(message);
  }
}

/** `parse config: [file.tf:4,1-2: Summary; Detail]` -> line 4, `Summary; Detail`. */
function syntaxError(error: unknown, file: string): HclSyntaxError {
  const text = error instanceof Error ? error.message : String(error);
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // Only the first diagnostic: the parser's follow-up errors mostly repeat it.
  const position = `${escaped}:(\\d+),\\d+(?:-\\d+(?:,\\d+)?)?: `;
  const m = new RegExp(`${position}([\\s\\S]*?)(?=\\s+${escaped}:\\d+,|\\]?$)`).exec(text);
  if (!m) return new HclSyntaxError(text.replace(/^parse config: \[?/, "").replace(/\]$/, ""));
  return new HclSyntaxError(m[2].replace(/\s+/g, " ").trim(), Number(m[1]));
}

export async function parseHcl(file: string, text: string): Promise<Record<string, unknown>> {
  try {
    return await parse(file, text);
  } catch (error) {
    throw syntaxError(error, file);
  }
}

/** A heredoc delimiter that is no line of any of the strings. */
function delimiter(strings: readonly string[]): string {
  let marker = "EOT_VALIDATE";
  while (strings.some((s) => s.split(/\r?\n/).some((line) => line.trim() === marker))) marker += "_";
  return marker;
}

/** Each string as a heredoc: the template exactly as written, no quote escaping needed. */
function heredoc(value: string, marker: string): string {
  return `<<${marker}\n${value}\n${marker}\n`;
}

/**
 * Parses every string as a Terraform template; returns, per string, undefined if it parses or the
 * parser's message. One parse call for all; only when that fails are the strings parsed one by one.
 */
export async function checkTemplates(strings: readonly string[]): Promise<(string | undefined)[]> {
  if (strings.length === 0) return [];
  const marker = delimiter(strings);
  const file = "templates.tf";
  try {
    await parse(file, strings.map((s, i) => `t${i} = ${heredoc(s, marker)}`).join(""));
    return strings.map(() => undefined);
  } catch {
    const results: (string | undefined)[] = [];
    for (const s of strings) {
      try {
        await parse(file, `t = ${heredoc(s, marker)}`);
        results.push(undefined);
      } catch (error) {
        results.push(syntaxError(error, file).message);
      }
    }
    return results;
  }
}

/** The expression trees of templates that parse (checkTemplates first), in one call. */
export async function templateAsts(strings: readonly string[]): Promise<AstNode[]> {
  if (strings.length === 0) return [];
  const marker = delimiter(strings);
  const tuple = (await getExpressionAst("templates.tf", `[\n${strings.map((s) => heredoc(s, marker)).join(",\n")}]`)) as AstNode | null;
  if (!tuple || tuple.type !== "tuple" || tuple.children?.length !== strings.length) {
    throw new Error(`hcl2json returned an unexpected tree for ${strings.length} templates`);
  }
  return [...tuple.children];
}

/**
 * What the parser makes of each value written as an HCL quoted string (`"..."`): the form
 * hcl2json gives the same string read from a .tf file, for comparing JSON and HCL values.
 */
export async function quotedValues(quoted: readonly string[]): Promise<unknown[]> {
  if (quoted.length === 0) return [];
  const parsed = await parseHcl("values.tf", quoted.map((q, i) => `v${i} = ${q}\n`).join(""));
  return quoted.map((_, i) => parsed[`v${i}`]);
}
