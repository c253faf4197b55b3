import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main, parseArguments } from "../../../tools/diagram/cli";
import { buildDiagram } from "../../../tools/diagram/model";
import { fingerprint, toDot, toMermaid, toSvg } from "../../../tools/diagram/render";
import { smallStack } from "./fixture";
import { mermaidProblems } from "./mermaid-check";

describe("diagram rendering", () => {
  const diagram = buildDiagram("prod", smallStack());

  it("writes Mermaid that GitHub can read: header, balanced subgraphs, every edge end declared", () => {
    expect(mermaidProblems(toMermaid(diagram))).toEqual([]);
  });

  it("writes security-group flows as solid arrows with their ports, references as dashed arrows", () => {
    const mermaid = toMermaid(diagram);
    expect(mermaid).toContain('lb_alb -->|"tcp 9000"| tasks_app');
    expect(mermaid).toContain('service_app -.->|"runs"| tasks_app');
  });

  it("styles exactly the network arrows of the Mermaid source (linkStyle counts arrows in order)", () => {
    const mermaid = toMermaid(diagram);
    const arrows = mermaid.split("\n").filter((line) => / (-->|-\.->)\|/.test(line));
    const styled = /linkStyle ([\d,]+) /.exec(mermaid)![1].split(",").map(Number);
    expect(styled.map((i) => arrows[i].includes(" -->|"))).toEqual(styled.map(() => true));
    expect(styled).toHaveLength(diagram.edges.filter((e) => e.kind === "network").length);
  });

  it("keeps quotes and angle brackets out of Mermaid labels", () => {
    const stack = smallStack();
    stack.resource.aws_db_instance.db.identifier = 'db "<main>"';
    expect(toMermaid(buildDiagram("prod", stack))).toContain("db #quot;#lt;main#gt;#quot;");
  });

  it("renders SVG offline with Graphviz in WebAssembly, every node's title in it", async () => {
    const dot = toDot(diagram);
    const svg = await toSvg(dot);
    expect(svg).toContain("<svg");
    expect(svg).toContain(`<!-- diagram source ${fingerprint(dot)} -->`);
    for (const node of diagram.nodes) expect(svg).toContain(node.title);
  });
});

describe("npm run diagram", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "diagram-test-"));
    for (const [name, json] of [
      ["prod", smallStack()],
      ["bootstrap", { resource: { aws_s3_bucket: { state: { bucket: "state" } } } }],
    ] as const) {
      fs.mkdirSync(path.join(dir, "stacks", name), { recursive: true });
      fs.writeFileSync(path.join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
    }
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes <stack>.svg and <stack>.mmd for each stack with a VPC of an existing synth output (--dir)", async () => {
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      expect(await main(dir, ["--dir", dir])).toBe(0);
    } finally {
      write.mockRestore();
    }
    expect(fs.readdirSync(path.join(dir, "diagrams")).sort()).toEqual(["prod.mmd", "prod.svg"]);
  });

  it("refuses an unknown argument and a --dir without a folder, with the usage", () => {
    expect(() => parseArguments(["--bogus"])).toThrow(/unknown argument "--bogus"\nusage: npm run diagram/);
    expect(() => parseArguments(["--dir"])).toThrow(/--dir needs a folder/);
  });

  it("says which folder lacks stacks/", async () => {
    const error = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await main(dir, ["--dir", path.join(dir, "stacks")])).toBe(2);
      expect(error).toHaveBeenCalledWith(expect.stringContaining("has no stacks/ folder"));
    } finally {
      error.mockRestore();
    }
  });
});
