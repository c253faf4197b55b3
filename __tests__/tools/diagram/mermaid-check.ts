/** The checks GitHub's Mermaid needs: a header, balanced subgraphs, declared ends, quoted labels. */
export function mermaidProblems(source: string): string[] {
  const problems: string[] = [];
  const lines = source.trimEnd().split("\n");
  if (lines[0] !== "flowchart LR") problems.push(`first line is "${lines[0]}"`);
  let depth = 0;
  const declared = new Set<string>();
  for (const line of lines.slice(1)) {
    const text = line.trim();
    if (text.startsWith("subgraph ")) {
      depth++;
      declared.add(/^subgraph (\w+)\["[^"]*"\]$/.exec(text)?.[1] ?? `bad subgraph: ${text}`);
    } else if (text === "end") depth--;
    else if (text.startsWith("style ") || text.startsWith("linkStyle ")) continue;
    else {
      const node = /^(\w+)(\["[^"]*"\]|\(\["[^"]*"\]\))$/.exec(text);
      const edge = /^(\w+) (-->|-\.->)\|"[^"]*"\| (\w+)$/.exec(text);
      if (node) declared.add(node[1]);
      else if (edge) {
        for (const end of [edge[1], edge[3]]) if (!declared.has(end)) problems.push(`edge end ${end} not declared before use`);
      } else problems.push(`unexpected line: ${text}`);
    }
    if (depth < 0) problems.push("end without subgraph");
  }
  if (depth !== 0) problems.push(`${depth} subgraphs not closed`);
  return problems;
}
