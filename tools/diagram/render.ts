/**
 * The diagram as Graphviz DOT (rendered to SVG by Graphviz compiled to WebAssembly, offline) and as
 * Mermaid (which GitHub renders in Markdown). Both from the same model, so they show the same.
 */
import * as crypto from "node:crypto";
import { Diagram, DiagramCluster, DiagramNode } from "./model";

const COLORS: Readonly<Record<string, { fill: string; line: string }>> = {
  edge: { fill: "#eef5ff", line: "#4a78b5" },
  vpc: { fill: "#f3fbf3", line: "#3c8a3c" },
  tier: { fill: "#ffffff", line: "#7fb77f" },
  data: { fill: "#fff7ec", line: "#c27c1c" },
  delivery: { fill: "#f6f0fc", line: "#7d4fb0" },
  observability: { fill: "#fdf0f0", line: "#b54a4a" },
  dr: { fill: "#f2f2f2", line: "#666666" },
};

/**
 * Graphviz sizes boxes by the metrics of the font it is told; DejaVu Sans is among the widest common
 * sans fonts, so text drawn with a narrower fallback (Verdana, Helvetica, Arial) still fits.
 */
const FONT = "DejaVu Sans";
const FONT_FAMILY = `${FONT},Verdana,Helvetica,Arial,sans-serif`;

function colorOf(cluster: string | undefined): { fill: string; line: string } {
  if (!cluster) return { fill: "#ffffff", line: "#333333" };
  if (cluster.startsWith("tier_")) return COLORS.tier;
  if (cluster.startsWith("region_")) return COLORS.dr;
  return COLORS[cluster] ?? COLORS.dr;
}

function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function quoted(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

function nodeDot(node: DiagramNode, indent: string): string {
  const lines = [`<B>${html(node.title)}</B>`, ...node.details.map((d) => `<FONT POINT-SIZE="10">${html(d)}</FONT>`)];
  const color = node.id === "internet" ? { fill: "#ffffff", line: "#333333" } : colorOf(node.cluster);
  const shape = node.id === "internet" ? ' shape="ellipse"' : "";
  const tooltip = node.resources ? ` tooltip=${quoted(`${node.type}: ${node.resources} resource${node.resources === 1 ? "" : "s"} of the plan`)}` : "";
  return `${indent}${node.id} [label=<${lines.join("<BR/>")}> color="${color.line}"${shape}${tooltip}];`;
}

/** First line bold, the rest small. */
function clusterLabel(label: string): string {
  const [title, ...rest] = label.split("\n");
  return [`<B>${html(title)}</B>`, ...rest.map((line) => `<FONT POINT-SIZE="10">${html(line)}</FONT>`)].join("<BR/>");
}

export function toDot(diagram: Diagram): string {
  const out: string[] = [
    `digraph ${quoted(diagram.stack)} {`,
    `  graph [label=${quoted(`${diagram.stack}: architecture from the synthesized plan`)} labelloc="t" fontsize=18 fontname="${FONT}" rankdir="LR" newrank=true nodesep=0.35 ranksep=0.55 pad=0.3 compound=true];`,
    `  node [shape="box" style="rounded,filled" fillcolor="#ffffff" fontname="${FONT}" fontsize=12 margin="0.2,0.08"];`,
    `  edge [fontname="${FONT}" fontsize=10 arrowsize=0.7];`,
  ];
  // Each label is a node of its own on the edge, in the innermost cluster holding both ends:
  // dot then keeps labels apart like any nodes (its own edge labels overlap across clusters).
  const chain = (id: string | undefined): string[] => {
    const ids: string[] = [];
    for (let c = id; c; c = diagram.clusters.find((x) => x.id === c)?.parent) ids.unshift(c);
    return ids;
  };
  const clusterOf = (id: string) => diagram.nodes.find((n) => n.id === id)?.cluster;
  const labels = new Map<string | undefined, string[]>();
  const lines: string[] = [];
  diagram.edges.forEach((edge, i) => {
    const style = edge.kind === "network" ? 'color="#1f4e8c" fontcolor="#1f4e8c" penwidth=1.4' : 'color="#888888" fontcolor="#555555" style="dashed"';
    // An upward arrow is laid out reversed (dir=back) so the layout keeps flowing down the page.
    const [tail, head, back] = edge.upward ? [edge.to, edge.from, true] : [edge.from, edge.to, false];
    const from = chain(clusterOf(tail));
    const to = chain(clusterOf(head));
    let common: string | undefined;
    for (let k = 0; k < Math.min(from.length, to.length) && from[k] === to[k]; k++) common = from[k];
    const label = `label_${i}`;
    if (!labels.has(common)) labels.set(common, []);
    labels
      .get(common)!
      .push(
        `${label} [label=${quoted(edge.label)} shape="plaintext" style="" margin="0.04,0.02" fontsize=10 fontcolor="${edge.kind === "network" ? "#1f4e8c" : "#555555"}"];`,
      );
    lines.push(`  ${tail} -> ${label} [${style} ${back ? 'dir="back"' : 'arrowhead="none"'}];`);
    lines.push(`  ${label} -> ${head} [${style}${back ? ' dir="none"' : ""}];`);
  });
  const children = (parent: string | undefined) => diagram.clusters.filter((c) => c.parent === parent);
  const emit = (cluster: DiagramCluster, indent: string) => {
    const color = colorOf(cluster.id);
    out.push(`${indent}subgraph cluster_${cluster.id} {`);
    out.push(
      `${indent}  graph [label=<${clusterLabel(cluster.label)}> style="rounded,filled" fillcolor="${color.fill}" color="${color.line}" fontsize=13 labeljust="l" margin=12];`,
    );
    for (const node of diagram.nodes.filter((n) => n.cluster === cluster.id)) out.push(nodeDot(node, `${indent}  `));
    for (const label of labels.get(cluster.id) ?? []) out.push(`${indent}  ${label}`);
    for (const child of children(cluster.id)) emit(child, `${indent}  `);
    out.push(`${indent}}`);
  };
  for (const node of diagram.nodes.filter((n) => !n.cluster)) out.push(nodeDot(node, "  "));
  for (const label of labels.get(undefined) ?? []) out.push(`  ${label}`);
  for (const cluster of children(undefined)) emit(cluster, "  ");
  out.push(...lines);
  out.push("}");
  return `${out.join("\n")}\n`;
}

function mermaidText(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

export function toMermaid(diagram: Diagram): string {
  const out: string[] = ["flowchart LR"];
  const node = (n: DiagramNode, indent: string) => {
    // A space before each break keeps a name such as notes-prod-app a word of its own in the page.
    const label = [`<b>${mermaidText(n.title)}</b>`, ...n.details.map(mermaidText)].join(" <br/>");
    out.push(n.id === "internet" ? `${indent}${n.id}(["${label}"])` : `${indent}${n.id}["${label}"]`);
  };
  const emit = (cluster: DiagramCluster, indent: string) => {
    out.push(`${indent}subgraph c_${cluster.id}["${mermaidText(cluster.label).replace(/\n/g, ": ")}"]`);
    for (const n of diagram.nodes.filter((x) => x.cluster === cluster.id)) node(n, `${indent}  `);
    for (const child of diagram.clusters.filter((c) => c.parent === cluster.id)) emit(child, `${indent}  `);
    out.push(`${indent}end`);
  };
  for (const n of diagram.nodes.filter((x) => !x.cluster)) node(n, "  ");
  for (const cluster of diagram.clusters.filter((c) => !c.parent)) emit(cluster, "  ");
  for (const e of diagram.edges) {
    const label = mermaidText(e.label.replace(/\n/g, " "));
    out.push(`  ${e.from} ${e.kind === "network" ? "-->" : "-.->"}|"${label}"| ${e.to}`);
  }
  for (const cluster of diagram.clusters) {
    const color = colorOf(cluster.id);
    out.push(`  style c_${cluster.id} fill:${color.fill},stroke:${color.line}`);
  }
  const network = diagram.edges.flatMap((e, i) => (e.kind === "network" ? [i] : []));
  if (network.length) out.push(`  linkStyle ${network.join(",")} stroke:#1f4e8c,stroke-width:2px`);
  return `${out.join("\n")}\n`;
}

/** A short fingerprint of the DOT source, written into the SVG so a check need not render it again. */
export function fingerprint(dot: string): string {
  return crypto.createHash("sha256").update(dot).digest("hex").slice(0, 16);
}

/**
 * SVG of the DOT source, by Graphviz compiled to WebAssembly (`@viz-js/viz`), loaded only here so
 * nothing else pays for it. The fingerprint of the source goes into the SVG as a comment.
 */
export async function toSvg(dot: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when drawing, never by synth
  const viz = await (require("@viz-js/viz") as typeof import("@viz-js/viz")).instance();
  const svg = viz.renderString(dot, { format: "svg", engine: "dot" });
  return svg.replace(/font-family="[^"]*"/g, `font-family="${FONT_FAMILY}"`).replace(/(<svg\b)/, `<!-- diagram source ${fingerprint(dot)} -->\n$1`);
}
