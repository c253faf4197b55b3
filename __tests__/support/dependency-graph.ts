/** Reference and depends_on edges between the blocks of a synthesized stack, to find cycles. */

const REFERENCE = /\b(data\.[a-z0-9_]+\.[A-Za-z0-9_-]+|aws_[a-z0-9_]+\.[A-Za-z0-9_-]+|terraform_data\.[A-Za-z0-9_-]+)/g;

function edges(stack: any): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const add = (address: string, body: unknown) => {
    const text = JSON.stringify(body);
    const targets = new Set<string>();
    for (const match of text.matchAll(REFERENCE)) if (match[1] !== address) targets.add(match[1]);
    graph.set(address, targets);
  };
  for (const [type, blocks] of Object.entries<any>(stack.resource ?? {})) {
    for (const [name, body] of Object.entries(blocks)) add(`${type}.${name}`, body);
  }
  for (const [type, blocks] of Object.entries<any>(stack.data ?? {})) {
    for (const [name, body] of Object.entries(blocks)) add(`data.${type}.${name}`, body);
  }
  return graph;
}

/** A cycle of addresses (first repeated last), or undefined when the graph is acyclic. */
export function dependencyCycle(stack: unknown): string[] | undefined {
  const graph = edges(stack);
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "visiting") return [...path.slice(path.indexOf(node)), node];
    state.set(node, "visiting");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}
