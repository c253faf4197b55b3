/**
 * A light scanner of Terraform string templates: where the `${...}` interpolations and `%{...}`
 * directives are, what the literal text between them says (with `$${` and `%%{` unescaped), and
 * which of them are evidently text for another language (a shell's `${VAR}`, an IAM policy's
 * `${aws:username}`, curl's `%{http_code}`) that should have been escaped. The syntax itself is
 * judged by HashiCorp's parser (hcl.ts); this only finds the parts and gives better hints.
 */

export interface TemplatePart {
  readonly kind: "literal" | "interpolation" | "directive";
  /** Literal: the text it stands for. Interpolation/directive: what is between the braces. */
  readonly text: string;
  /** Offsets in the template: of `$`/`%` and after the closing `}` (literal: its source span). */
  readonly start: number;
  readonly end: number;
  /** False for an interpolation or directive that is never closed. */
  readonly terminated: boolean;
}

/** Whether a string is a template at all (holds an unescaped `${` or `%{`). */
export function isTemplate(value: string): boolean {
  if (!value.includes("${") && !value.includes("%{")) return false;
  return scanTemplate(value).some((p) => p.kind !== "literal");
}

function skipQuoted(s: string, i: number): number {
  while (i < s.length) {
    const c = s[i];
    if (c === "\\") {
      i += 2;
    } else if (c === '"') {
      return i + 1;
    } else if (s.startsWith("$${", i) || s.startsWith("%%{", i)) {
      i += 3;
    } else if (s.startsWith("${", i) || s.startsWith("%{", i)) {
      const close = skipExpression(s, i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else {
      i++;
    }
  }
  return -1;
}

/** From just inside `${`, the offset of the `}` that closes it, or -1. */
function skipExpression(s: string, i: number): number {
  let depth = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      i = skipQuoted(s, i + 1);
      if (i < 0) return -1;
      continue;
    }
    if (c === "{" || c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
    i++;
  }
  return -1;
}

export function scanTemplate(s: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  let literalStart = 0;
  const flush = (end: number) => {
    if (literal) parts.push({ kind: "literal", text: literal, start: literalStart, end, terminated: true });
    literal = "";
  };
  let i = 0;
  while (i < s.length) {
    if (s.startsWith("$${", i) || s.startsWith("%%{", i)) {
      if (!literal) literalStart = i;
      literal += s.slice(i + 1, i + 3);
      i += 3;
    } else if (s.startsWith("${", i) || s.startsWith("%{", i)) {
      flush(i);
      const kind = s[i] === "$" ? "interpolation" : "directive";
      const close = skipExpression(s, i + 2);
      if (close < 0) {
        parts.push({ kind, text: s.slice(i + 2), start: i, end: s.length, terminated: false });
        i = s.length;
      } else {
        parts.push({ kind, text: s.slice(i + 2, close), start: i, end: close + 1, terminated: true });
        i = close + 1;
      }
      literalStart = i;
    } else {
      if (!literal) literalStart = i;
      literal += s[i];
      i++;
    }
  }
  flush(s.length);
  return parts;
}

/** The inside of an interpolation or directive without its `~` strip markers and spaces. */
export function partContent(part: TemplatePart): string {
  return part.text.replace(/^~/, "").replace(/~$/, "").trim();
}

export interface UnescapedSequence {
  readonly part: TemplatePart;
  readonly problem: string;
  readonly fix: string;
}

const DIRECTIVE_KEYWORDS = ["if", "else", "endif", "for", "endfor"];
const LITERAL_NAMES = ["true", "false", "null"];

/**
 * Sequences that Terraform would read as interpolations or directives but that are evidently
 * meant literally: `${aws:username}` (IAM policy variable), `${VAR}`/`${VAR:-x}` (shell), and
 * `%{...}` that is no directive. Each comes with the escaped spelling to write instead.
 */
export function findUnescaped(s: string, parts: readonly TemplatePart[] = scanTemplate(s)): UnescapedSequence[] {
  // Names a `%{ for x in ... }` directive binds may be interpolated bare.
  const bound = new Set<string>();
  for (const part of parts) {
    const m = part.kind === "directive" ? /^for\s+([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\b/.exec(partContent(part)) : null;
    if (m) [m[1], m[2]].filter(Boolean).forEach((n) => bound.add(n));
  }
  const found: UnescapedSequence[] = [];
  for (const part of parts) {
    const raw = s.slice(part.start, part.end);
    const content = partContent(part);
    if (part.kind === "directive") {
      const keyword = /^[a-z]+/.exec(content)?.[0] ?? "";
      if (!DIRECTIVE_KEYWORDS.includes(keyword)) {
        found.push({ part, problem: `"${raw}" is not a template directive (a literal %{ must be escaped)`, fix: `write %${raw}` });
      }
    } else if (part.kind === "interpolation") {
      const escaped = `$${raw}`;
      if (/^[a-z][a-z0-9.-]*:[A-Za-z]/.test(content) && !/\s/.test(content)) {
        found.push({ part, problem: `unescaped IAM policy variable "${raw}" (Terraform would interpolate it)`, fix: `write ${escaped}` });
      } else if (/^[A-Za-z_]\w*$/.test(content) && !LITERAL_NAMES.includes(content) && !bound.has(content)) {
        found.push({ part, problem: `unescaped shell variable "${raw}" (Terraform would read ${content} as a reference)`, fix: `write ${escaped}` });
      } else if (/^(?:#?[A-Za-z_]\w*(?:[:#%/^,]|\[[@*]\])|#[A-Za-z_]\w*$|[@*#?$!0-9-]$)/.test(content)) {
        found.push({ part, problem: `unescaped shell expansion "${raw}" (Terraform would try to interpolate it)`, fix: `write ${escaped}` });
      }
    }
  }
  return found;
}

/** The template with the given parts escaped (`$${`, `%%{`), so the rest can still be checked. */
export function escapeParts(s: string, parts: readonly TemplatePart[]): string {
  let result = s;
  for (const part of [...parts].sort((a, b) => b.start - a.start)) {
    result = `${result.slice(0, part.start)}${result[part.start]}${result.slice(part.start)}`;
  }
  return result;
}

/** The literal text of a template, each interpolation replaced by `substitute(part)`. */
export function literalWith(parts: readonly TemplatePart[], substitute: (part: TemplatePart) => string): string {
  return parts.map((p) => (p.kind === "literal" ? p.text : substitute(p))).join("");
}

/**
 * The template as an HCL native quoted string: literal parts escaped, interpolations verbatim.
 * For comparing a JSON value with the HCL rendering through the same parser.
 */
export function toQuotedHcl(s: string): string {
  const out: string[] = [];
  let last = 0;
  for (const part of scanTemplate(s)) {
    if (part.kind === "literal") {
      out.push(s.slice(part.start, part.end).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t"));
    } else {
      out.push(s.slice(part.start, part.end));
    }
    last = part.end;
  }
  out.push(s.slice(last));
  return `"${out.join("")}"`;
}
