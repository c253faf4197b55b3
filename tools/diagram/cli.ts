/**
 * `npm run diagram [-- --dir <synth output>] [--out <folder>] [--docs]`: an architecture diagram of
 * every environment stack (each stack with a VPC), as SVG and Mermaid. Without --dir, synthesizes
 * into cdktf.out first. --docs also rewrites docs/architecture.md and docs/architecture-prod.svg.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { architectureDoc, DOC_STACK, DOCS_MARKDOWN, DOCS_SVG } from "./docs";
import { buildDiagram, Diagram } from "./model";
import { JsonObject } from "./plan";
import { toDot, toMermaid, toSvg } from "./render";

export const USAGE = "usage: npm run diagram [-- --dir <folder holding stacks/<stack>/cdk.tf.json>] [--out <folder>] [--docs]";

interface Arguments {
  readonly dir?: string;
  readonly out?: string;
  readonly docs: boolean;
}

export function parseArguments(argv: readonly string[]): Arguments {
  let dir: string | undefined;
  let out: string | undefined;
  let docs = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (!next || next.startsWith("--")) throw new Error(`${arg} needs a folder\n${USAGE}`);
      return next;
    };
    if (arg === "--dir") dir = value();
    else if (arg.startsWith("--dir=")) dir = arg.slice("--dir=".length);
    else if (arg === "--out") out = value();
    else if (arg.startsWith("--out=")) out = arg.slice("--out=".length);
    else if (arg === "--docs") docs = true;
    else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  return { dir, out, docs };
}

/** The stacks of a synth output that get a diagram: those with a VPC (the environments). */
export function readStacks(dir: string): { name: string; json: JsonObject }[] {
  const stacksDir = path.join(dir, "stacks");
  if (!fs.existsSync(stacksDir)) throw new Error(`${dir} has no stacks/ folder: give the folder that holds stacks/<stack>/cdk.tf.json`);
  return fs
    .readdirSync(stacksDir)
    .sort()
    .map((name) => ({ name, file: path.join(stacksDir, name, "cdk.tf.json") }))
    .filter((s) => fs.existsSync(s.file))
    .map((s) => ({ name: s.name, json: JSON.parse(fs.readFileSync(s.file, "utf8")) as JsonObject }))
    .filter((s) => typeof s.json.resource === "object" && s.json.resource !== null && "aws_vpc" in s.json.resource);
}

export interface Written {
  readonly diagram: Diagram;
  readonly svg: string;
  readonly mermaid: string;
}

export async function render(name: string, json: JsonObject): Promise<Written> {
  const diagram = buildDiagram(name, json);
  return { diagram, svg: await toSvg(toDot(diagram)), mermaid: toMermaid(diagram) };
}

export async function main(root: string, argv: readonly string[], cwd: string = process.cwd()): Promise<number> {
  const started = Date.now();
  let args: Arguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const dir = args.dir ? path.resolve(cwd, args.dir) : path.join(root, "cdktf.out");
  if (!args.dir) {
    const synth = spawnSync(process.execPath, [path.join(root, "scripts", "app.js")], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: dir },
      encoding: "utf8",
    });
    if (synth.status !== 0) {
      process.stderr.write(`diagram: synth failed:\n${`${synth.stderr ?? ""}${synth.stdout ?? ""}`.trim()}\n`);
      return 2;
    }
  }
  let stacks: ReturnType<typeof readStacks>;
  try {
    stacks = readStacks(dir);
  } catch (error) {
    process.stderr.write(`diagram: ${(error as Error).message}\n`);
    return 2;
  }
  if (!stacks.length) {
    process.stderr.write(`diagram: no stack with a VPC in ${dir}/stacks\n`);
    return 1;
  }
  const out = args.out ? path.resolve(cwd, args.out) : path.join(dir, "diagrams");
  fs.mkdirSync(out, { recursive: true });
  for (const stack of stacks) {
    const written = await render(stack.name, stack.json);
    fs.writeFileSync(path.join(out, `${stack.name}.svg`), written.svg);
    fs.writeFileSync(path.join(out, `${stack.name}.mmd`), written.mermaid);
    const { nodes, edges } = written.diagram;
    process.stdout.write(
      `diagram: ${stack.name}: ${nodes.length} nodes, ${edges.length} edges -> ${path.relative(cwd, path.join(out, stack.name))}.{svg,mmd}\n`,
    );
    if (args.docs && stack.name === DOC_STACK) {
      fs.writeFileSync(path.join(root, DOCS_MARKDOWN), architectureDoc(written.diagram, written.mermaid));
      fs.writeFileSync(path.join(root, DOCS_SVG), written.svg);
      process.stdout.write(`diagram: wrote ${DOCS_MARKDOWN} and ${DOCS_SVG}\n`);
    }
  }
  if (args.docs && !stacks.some((s) => s.name === DOC_STACK)) {
    process.stderr.write(`diagram: --docs needs the ${DOC_STACK} stack, which ${dir} does not have\n`);
    return 1;
  }
  process.stdout.write(`diagram: ${stacks.length} stacks in ${Date.now() - started} ms\n`);
  return 0;
}
