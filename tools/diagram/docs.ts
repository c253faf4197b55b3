/** docs/architecture.md: prod's diagram, written by `npm run diagram -- --docs` and checked by a test. */
import { Diagram } from "./model";

export const DOC_STACK = "prod";
export const DOCS_MARKDOWN = "docs/architecture.md";
export const DOCS_SVG = "docs/architecture-prod.svg";
export const REGENERATE = "npm run diagram -- --docs";

export function architectureDoc(diagram: Diagram, mermaid: string): string {
  const network = diagram.edges.filter((e) => e.kind === "network").length;
  return `# Architecture of ${diagram.stack}

Generated from the synthesized plan (\`cdktf.out/stacks/${diagram.stack}/cdk.tf.json\`) by
\`${REGENERATE}\`; a test fails when the plan changes the diagram and this page was not
regenerated. Nothing here is drawn by hand.

- Solid arrows: who may talk to whom, from the security-group rules (both ends must allow it) and
  the default routes, with protocol and port.
- Dashed arrows: one resource names another in the plan (\`\${...}\` references), labelled with
  what the reference is for.
- Repeated things are one node with their count (subnets per tier, NAT gateways, alarms, log
  groups, keys); IAM roles, policies, routes and rules are not drawn.

${diagram.nodes.length} nodes, ${diagram.edges.length} arrows (${network} network). The same diagram rendered by Graphviz:
[architecture-prod.svg](architecture-prod.svg). Other environments: \`npm run diagram\` writes
\`cdktf.out/diagrams/<env>.svg\` and \`.mmd\`.

\`\`\`mermaid
${mermaid}\`\`\`
`;
}
