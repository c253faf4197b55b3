/**
 * The HCL rendering (`cdk.tf`, from `cdktf synth --hcl`) must parse, must hold no attribute cdktf
 * could not render (it writes a warning comment instead), and must say the same as the JSON: the
 * same blocks with the same values. hcl2json wraps every block in a list and hands templates back
 * in its own spelling, so both sides are normalized before a structural comparison.
 */
import * as path from "node:path";
import { HclSyntaxError, parseHcl, quotedValues } from "./hcl";
import { ProblemSink } from "./problems";
import { Json, JsonObject, blockInstances, isObject } from "./stack";
import { isTemplate, toQuotedHcl } from "./template";

/** The comment cdktf's HCL renderer (cdktf/lib/hcl/render.js) writes above an attribute it cannot render. */
export const CDKTF_UNRENDERABLE_WARNING = "# Warning: The following attribute is of an unexpected type.";

const BLOCK_HEADER = /^(resource|data|provider|output|module|variable|locals|terraform)(?:\s+"([^"]*)")?(?:\s+"([^"]*)")?\s*\{/;

/** The address of the top-level block enclosing a line of cdk.tf (cdktf starts them in column 0). */
function enclosingBlock(lines: readonly string[], index: number): string {
  for (let i = Math.min(index, lines.length - 1); i >= 0; i--) {
    const m = BLOCK_HEADER.exec(lines[i]);
    if (!m) continue;
    const [, kind, first, second] = m;
    if (kind === "resource") return `${first}.${second}`;
    if (kind === "data") return `data.${first}.${second}`;
    if (kind === "locals" || kind === "terraform") return kind;
    return `${kind}.${first}`;
  }
  return "cdk.tf";
}

const RENDER_FIX = "cdktf renders this differently in HCL: use the JSON synthesis (cdk.tf.json) for this stack, or change the value so that both render alike";

function findUnrenderable(stack: string, text: string, sink: ProblemSink): void {
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    // terraform fmt indents the comment with its block.
    if (!line.trimStart().startsWith(CDKTF_UNRENDERABLE_WARNING)) return;
    let j = i + 1;
    while (j < lines.length && (lines[j].trimStart().startsWith("#") || lines[j].trim() === "")) j++;
    const attribute = /^\s*([\w-]+)\s*=/.exec(lines[j] ?? "")?.[1] ?? `line ${j + 1}`;
    sink.add(
      stack,
      enclosingBlock(lines, i),
      attribute,
      `cdktf could not render this attribute in HCL (cdk.tf line ${i + 1}: "${CDKTF_UNRENDERABLE_WARNING}")`,
      "use the JSON synthesis for this stack, or give the attribute a value of its schema type",
    );
  });
}

type Unit = { json?: Json; hcl?: Json };

function addUnit(units: Map<string, Unit>, address: string, side: "json" | "hcl", value: Json): void {
  const unit = units.get(address) ?? {};
  unit[side] = value;
  units.set(address, unit);
}

/**
 * A variable's `type` is a type expression: HCL writes `type = string`, which hcl2json renders as
 * "${string}", while the JSON syntax writes "string". Both mean the same.
 */
function variableTypeAsInJson(body: Json): Json {
  const fix = (block: Json): Json => {
    if (!isObject(block) || typeof block.type !== "string") return block;
    const match = /^\$\{(.*)\}$/s.exec(block.type);
    return match ? { ...block, type: match[1] } : block;
  };
  return Array.isArray(body) ? body.map(fix) : fix(body);
}

/** Splits a configuration (JSON, or hcl2json's rendering of the HCL) into comparable blocks by address. */
function collectUnits(units: Map<string, Unit>, config: JsonObject, side: "json" | "hcl"): void {
  for (const [key, section] of Object.entries(config)) {
    if (key === "//") continue;
    if ((key === "resource" || key === "data") && isObject(section)) {
      for (const [type, byName] of Object.entries(section)) {
        if (!isObject(byName)) continue;
        for (const [name, body] of Object.entries(byName)) addUnit(units, `${key === "data" ? "data." : ""}${type}.${name}`, side, body);
      }
    } else if (key === "variable" && isObject(section)) {
      for (const [name, body] of Object.entries(section)) addUnit(units, `variable.${name}`, side, side === "hcl" ? variableTypeAsInJson(body) : body);
    } else if ((key === "provider" || key === "output" || key === "module") && isObject(section)) {
      for (const [name, body] of Object.entries(section)) addUnit(units, `${key}.${name}`, side, body);
    } else if (key === "locals") {
      for (const locals of blockInstances(section)) {
        for (const [name, value] of Object.entries(locals)) if (name !== "//") addUnit(units, `local.${name}`, side, value);
      }
    } else {
      addUnit(units, key, side, section);
    }
  }
}

/** Arrays that normalization made out of a single object: shown without their [0]. */
const wrapped = new WeakSet<Json[]>();

function normalizeBody(body: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "//" || value === null) continue; // metadata comments; null is the same as unset
    result[key] = normalizeValue(value);
  }
  return result;
}

function normalizeElement(value: Json): Json {
  if (Array.isArray(value)) return value.map(normalizeElement);
  return isObject(value) ? normalizeBody(value) : value;
}

/** An object (block, map) becomes a list of one, as hcl2json writes every block. */
function normalizeValue(value: Json): Json {
  if (Array.isArray(value)) return value.map(normalizeElement);
  if (isObject(value)) {
    const list = [normalizeBody(value)];
    wrapped.add(list);
    return list;
  }
  return value;
}

function show(value: Json | undefined): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) {
    if (wrapped.has(value)) return show(value[0]);
    return value.length === 0 ? "[] (an empty list)" : `a list of ${value.length}`;
  }
  if (isObject(value)) return `{ ${Object.keys(value).join(", ")} }`;
  return JSON.stringify(value);
}

interface Difference {
  readonly path: string;
  readonly json: Json | undefined;
  readonly hcl: Json | undefined;
}

function join(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

/**
 * The first difference between the normalized JSON and HCL values; `sameString` decides whether a
 * JSON string and the string hcl2json read from the HCL say the same.
 */
function firstDifference(a: Json | undefined, b: Json | undefined, at: string, sameString: (json: string, hcl: Json) => boolean): Difference | undefined {
  if (a === undefined || b === undefined) return a === b ? undefined : { path: at, json: a, hcl: b };
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return { path: at, json: a, hcl: b };
    const single = wrapped.has(a) || wrapped.has(b);
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], single ? at : join(at, i), sameString);
      if (d) return d;
    }
    return undefined;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const d = firstDifference(a[key], b[key], join(at, key), sameString);
      if (d) return d;
    }
    return undefined;
  }
  if (typeof a === "string" && sameString(a, b)) return undefined;
  if (a === b) return undefined;
  // Terraform converts between numbers, bools and strings where a string is expected.
  const primitive = (v: Json) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
  if (primitive(a) && primitive(b) && String(a) === String(b)) return undefined;
  return { path: at, json: a, hcl: b };
}

function jsonTemplates(value: Json | undefined, into: Set<string>): void {
  if (typeof value === "string") {
    if (isTemplate(value)) into.add(value);
  } else if (Array.isArray(value)) {
    value.forEach((v) => jsonTemplates(v, into));
  } else if (isObject(value)) {
    Object.values(value).forEach((v) => jsonTemplates(v, into));
  }
}

/** Each JSON template as hcl2json spells it when read from an HCL quoted string. */
async function templateSpellings(json: JsonObject): Promise<Map<string, unknown>> {
  const templates = new Set<string>();
  jsonTemplates(json, templates);
  const list = [...templates];
  const spellings = new Map<string, unknown>();
  try {
    const values = await quotedValues(list.map(toQuotedHcl));
    list.forEach((t, i) => spellings.set(t, values[i]));
  } catch {
    // A template that does not parse is reported by the template check; compare those verbatim.
    for (const t of list) {
      try {
        spellings.set(t, (await quotedValues([toQuotedHcl(t)]))[0]);
      } catch {
        /* left out: compared verbatim */
      }
    }
  }
  return spellings;
}

function describeDifference(d: Difference): { problem: string; fix: string } {
  const problem = (text: string) => `cdk.tf says something else than cdk.tf.json: ${text}`;
  if (d.hcl === undefined) {
    if (Array.isArray(d.json) && d.json.length === 0) {
      return {
        problem: problem(
          "the JSON sets [] (an empty list) but cdk.tf leaves it out: cdktf renders an empty list of blocks as nothing, which Terraform reads as unset, not as empty",
        ),
        fix: `call addOverride("${d.path}", []) on the construct, so that cdk.tf writes ${d.path} = [] as the JSON does`,
      };
    }
    return { problem: problem(`the JSON sets ${show(d.json)} but cdk.tf leaves it out`), fix: RENDER_FIX };
  }
  if (d.json === undefined) return { problem: problem(`cdk.tf sets ${show(d.hcl)} but the JSON leaves it out`), fix: RENDER_FIX };
  if (typeof d.json === "string" && typeof d.hcl === "string" && d.hcl === `${d.json}\n`) {
    return { problem: problem("cdk.tf's value ends with a newline the JSON's lacks (cdktf writes multi-line strings as heredocs)"), fix: RENDER_FIX };
  }
  return { problem: problem(`the JSON has ${show(d.json)}, cdk.tf has ${show(d.hcl)}`), fix: RENDER_FIX };
}

/**
 * A template as hcl2json spells it, without the layout of its expressions: the spaces between
 * tokens that terraform fmt adds or removes (`{ "a" = 1 }`, `for x in y : z`). Whitespace inside
 * string literals and in the template's own text is content and stays.
 */
export function withoutLayout(template: string): string {
  // Each frame: a string (template text) or an expression inside `${`/`%{` with its open braces.
  const frames: ({ kind: "string" } | { kind: "expression"; braces: number })[] = [{ kind: "string" }];
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    const frame = frames[frames.length - 1];
    if (frame.kind === "string") {
      if (c === "\\") {
        out += template.slice(i, i + 2);
        i++;
      } else if (template.startsWith("$${", i) || template.startsWith("%%{", i)) {
        out += template.slice(i, i + 3);
        i += 2;
      } else if (template.startsWith("${", i) || template.startsWith("%{", i)) {
        out += template.slice(i, i + 2);
        i++;
        frames.push({ kind: "expression", braces: 0 });
      } else {
        // A quote ends a string literal inside an expression; in the template's own text it is text.
        if (c === '"' && frames.length > 1) frames.pop();
        out += c;
      }
    } else if (/\s/.test(c)) {
      continue;
    } else {
      out += c;
      if (c === '"') frames.push({ kind: "string" });
      else if (c === "{") frame.braces++;
      else if (c === "}" && frame.braces-- === 0) frames.pop();
    }
  }
  return out;
}

export async function checkHcl(stack: string, json: JsonObject, hclText: string, hclFile: string, sink: ProblemSink): Promise<void> {
  findUnrenderable(stack, hclText, sink);

  let parsed: JsonObject;
  try {
    parsed = (await parseHcl(path.basename(hclFile), hclText)) as JsonObject;
  } catch (error) {
    if (!(error instanceof HclSyntaxError)) throw error;
    const lines = hclText.split(/\r?\n/);
    const where = error.line ? `line ${error.line}` : "-";
    sink.add(
      stack,
      error.line ? enclosingBlock(lines, error.line - 1) : "cdk.tf",
      where,
      `cdk.tf does not parse: ${error.message}`,
      "cdktf wrote HCL that Terraform cannot read: use the JSON synthesis (cdk.tf.json) for this stack, or change the value so that it renders",
    );
    return;
  }

  const spellings = await templateSpellings(json);
  const sameString = (jsonValue: string, hclValue: Json) => {
    if (jsonValue === hclValue) return true;
    const spelling = spellings.get(jsonValue);
    return typeof spelling === "string" && typeof hclValue === "string" && withoutLayout(spelling) === withoutLayout(hclValue);
  };

  const units = new Map<string, Unit>();
  collectUnits(units, json, "json");
  collectUnits(units, parsed, "hcl");
  for (const [address, unit] of units) {
    if (unit.hcl === undefined) {
      sink.add(stack, address, "-", "cdk.tf.json has this block, cdk.tf does not", RENDER_FIX);
      continue;
    }
    if (unit.json === undefined) {
      sink.add(
        stack,
        address,
        "-",
        "cdk.tf has this block, cdk.tf.json does not",
        "synthesize JSON and HCL from the same code (an old cdk.tf may be left over)",
      );
      continue;
    }
    const difference = firstDifference(normalizeValue(unit.json), normalizeValue(unit.hcl), "", sameString);
    if (difference) {
      const { problem, fix } = describeDifference(difference);
      sink.add(stack, address, difference.path || "-", problem, fix);
    }
  }
}
