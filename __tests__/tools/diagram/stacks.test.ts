import * as fs from "node:fs";
import * as path from "node:path";
import { architectureDoc, DOC_STACK, DOCS_MARKDOWN, DOCS_SVG, REGENERATE } from "../../../tools/diagram/docs";
import { buildDiagram, Diagram } from "../../../tools/diagram/model";
import { fingerprint, toDot, toMermaid } from "../../../tools/diagram/render";
import { EnvironmentName, exampleConfig } from "../../helpers";
import { synthesizedStack } from "../../support/synthesized";
import { mermaidProblems } from "./mermaid-check";

const config = exampleConfig();
const ENVIRONMENT_NAMES = Object.keys(config.environments) as EnvironmentName[];
const diagrams = Object.fromEntries(ENVIRONMENT_NAMES.map((name) => [name, buildDiagram(name, JSON.parse(synthesizedStack(name)))])) as Record<
  EnvironmentName,
  Diagram
>;

const node = (diagram: Diagram, type: string) => {
  const found = diagram.nodes.filter((n) => n.type === type);
  expect(found).toHaveLength(1);
  return found[0].id;
};
const flow = (diagram: Diagram, from: string, to: string) =>
  diagram.edges.find((e) => e.from === node(diagram, from) && e.to === node(diagram, to) && e.kind === "network")?.label;

describe.each(ENVIRONMENT_NAMES)("the %s diagram", (name) => {
  const diagram = diagrams[name];
  const env = config.environments[name];

  it("has the load balancer, the service and its tasks, the database, the cache, the WAF, the pipeline and the backup vaults", () => {
    for (const type of [
      "aws_lb",
      "aws_ecs_service",
      "aws_ecs_task_definition",
      "aws_db_instance",
      "aws_elasticache_replication_group",
      "aws_wafv2_web_acl",
      "aws_codepipeline",
      "data.aws_route53_zone",
    ]) {
      node(diagram, type);
    }
    expect(
      diagram.nodes
        .filter((n) => n.type === "aws_backup_vault")
        .map((n) => n.cluster)
        .sort(),
    ).toEqual(["data", "dr"]);
  });

  it("lets the load balancer reach the tasks on the container port, and the tasks the database and the cache on theirs", () => {
    expect(flow(diagram, "aws_lb", "aws_ecs_task_definition")).toBe(`tcp ${env.app.containerPort}`);
    expect(flow(diagram, "aws_ecs_task_definition", "aws_db_instance")).toBe("tcp 5432");
    expect(flow(diagram, "aws_ecs_task_definition", "aws_elasticache_replication_group")).toBe("tcp 6379");
  });

  it("labels the tasks with their containers, read from the jsonencode() of the task definition", () => {
    const tasks = diagram.nodes.find((n) => n.type === "aws_ecs_task_definition")!;
    expect(tasks.details.find((line) => line.startsWith("app :"))).toMatch(new RegExp(`^app :${env.app.containerPort}\\b`));
  });

  it("lets the internet reach only the load balancer", () => {
    const inbound = diagram.edges.filter((e) => e.from === "internet");
    expect(inbound.map((e) => [e.to, e.label])).toEqual([[node(diagram, "aws_lb"), "tcp 80, tcp 443"]]);
  });

  it("groups repeated things: one node per subnet tier, for all alarms, for all log groups", () => {
    expect(diagram.clusters.filter((c) => c.parent === "vpc").map((c) => c.id)).toEqual(["tier_public", "tier_private", "tier_isolated"]);
    expect(diagram.clusters.find((c) => c.id === "tier_private")?.label).toContain(`${env.network.azCount} AZs`);
    expect(diagram.nodes.filter((n) => n.type === "aws_cloudwatch_metric_alarm")).toHaveLength(1);
    expect(diagram.nodes.filter((n) => n.type === "aws_cloudwatch_log_group")).toHaveLength(1);
  });

  it("stays under 60 nodes, every edge between drawn nodes", () => {
    expect(diagram.nodes.length).toBeLessThan(60);
    const ids = new Set(diagram.nodes.map((n) => n.id));
    for (const e of diagram.edges) expect([ids.has(e.from), ids.has(e.to)]).toEqual([true, true]);
  });

  it("writes Mermaid that GitHub can read", () => {
    expect(mermaidProblems(toMermaid(diagram))).toEqual([]);
  });
});

describe("the EC2 hosts and Grafana in the diagrams", () => {
  it("draws dev's EC2 hosts, with the launch template and capacity provider folded in, and the service placing tasks on them", () => {
    const hosts = diagrams.dev.nodes.find((n) => n.type === "aws_autoscaling_group")!;
    expect(hosts.details).toEqual(["t4g.small", "1-4 hosts", "on-demand base 0, 100% Spot above"]);
    expect(diagrams.dev.nodes.map((n) => n.type)).not.toContain("aws_launch_template");
    expect(diagrams.dev.edges).toContainEqual(expect.objectContaining({ from: node(diagrams.dev, "aws_ecs_service"), to: hosts.id, label: "places tasks on" }));
  });

  it("draws prod's Grafana with its data sources and sign-in", () => {
    const grafana = diagrams.prod.nodes.find((n) => n.type === "aws_grafana_workspace")!;
    expect(grafana.details).toEqual(["CLOUDWATCH, XRAY, PROMETHEUS", "sign-in IAM Identity Center"]);
  });
});

describe(DOCS_MARKDOWN, () => {
  const root = path.resolve(__dirname, "../../..");
  const diagram = diagrams[DOC_STACK];

  it(`shows the ${DOC_STACK} diagram of the current plan`, () => {
    const current = fs.readFileSync(path.join(root, DOCS_MARKDOWN), "utf8");
    if (current !== architectureDoc(diagram, toMermaid(diagram))) {
      throw new Error(`${DOCS_MARKDOWN} does not show the current ${DOC_STACK} plan: run \`${REGENERATE}\` and commit the result`);
    }
  });

  it(`has ${DOCS_SVG} rendered from the same diagram`, () => {
    const svg = fs.readFileSync(path.join(root, DOCS_SVG), "utf8");
    if (!svg.includes(`<!-- diagram source ${fingerprint(toDot(diagram))} -->`)) {
      throw new Error(`${DOCS_SVG} was rendered from another plan: run \`${REGENERATE}\` and commit the result`);
    }
  });
});
