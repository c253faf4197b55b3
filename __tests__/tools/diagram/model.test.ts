import { buildDiagram, Diagram } from "../../../tools/diagram/model";
import { cidrContains } from "../../../tools/diagram/network";
import { smallStack } from "./fixture";

const byType = (diagram: Diagram, type: string) => diagram.nodes.filter((n) => n.type === type);
const idOf = (diagram: Diagram, type: string) => {
  const nodes = byType(diagram, type);
  expect(nodes).toHaveLength(1);
  return nodes[0].id;
};
const edge = (diagram: Diagram, fromType: string, toType: string) => {
  const from = fromType === "internet" ? "internet" : idOf(diagram, fromType);
  const to = toType === "internet" ? "internet" : idOf(diagram, toType);
  return diagram.edges.find((e) => e.from === from && e.to === to);
};

describe("buildDiagram on a small stack", () => {
  const diagram = buildDiagram("prod", smallStack());

  it("draws a node for the load balancer, the service, its tasks, the database and the gateways", () => {
    for (const type of ["aws_lb", "aws_ecs_service", "aws_ecs_task_definition", "aws_db_instance", "aws_nat_gateway", "aws_internet_gateway"]) {
      expect(byType(diagram, type)).toHaveLength(1);
    }
  });

  it("folds parts into their owner: listeners and target groups into the load balancer, the subnet group into the database", () => {
    const types = diagram.nodes.map((n) => n.type);
    for (const part of ["aws_lb_listener", "aws_lb_target_group", "aws_db_subnet_group", "aws_ecs_cluster", "aws_eip"]) expect(types).not.toContain(part);
    expect(byType(diagram, "aws_lb")[0].details).toContain("listeners: 443 HTTPS");
  });

  it("draws no IAM, routes, subnets or security groups as nodes", () => {
    const types = new Set(diagram.nodes.map((n) => n.type));
    for (const hidden of ["aws_iam_role", "aws_route", "aws_subnet", "aws_security_group", "aws_vpc_security_group_ingress_rule"])
      expect(types.has(hidden)).toBe(false);
  });

  it("groups the subnets: one cluster per tier, with its AZ count, inside the VPC", () => {
    const tiers = diagram.clusters.filter((c) => c.parent === "vpc");
    expect(tiers.map((c) => c.id)).toEqual(["tier_public", "tier_private", "tier_isolated"]);
    expect(tiers[0].label).toBe("public subnets\n2 AZs, /24 each");
    expect(diagram.clusters.find((c) => c.id === "vpc")?.label).toBe("VPC 10.0.0.0/16 in eu-central-1, 2 AZs");
  });

  it("places each node in the tier of the subnets it references, the tasks beside their service", () => {
    const clusterOf = (type: string) => byType(diagram, type)[0].cluster;
    expect(clusterOf("aws_lb")).toBe("tier_public");
    expect(clusterOf("aws_nat_gateway")).toBe("tier_public");
    expect(clusterOf("aws_ecs_service")).toBe("tier_private");
    expect(clusterOf("aws_ecs_task_definition")).toBe("tier_private");
    expect(clusterOf("aws_db_instance")).toBe("tier_isolated");
  });

  it("puts what the DR provider creates in the DR region cluster", () => {
    const vaults = byType(diagram, "aws_backup_vault");
    expect(vaults.map((v) => v.cluster).sort()).toEqual(["data", "dr"]);
    expect(diagram.clusters.find((c) => c.id === "dr")?.label).toBe("DR region eu-west-1");
  });

  it("draws the internet to the load balancer on the listener port, from the security group", () => {
    expect(edge(diagram, "internet", "aws_lb")).toMatchObject({ label: "tcp 443", kind: "network" });
  });

  it("draws the load balancer to the tasks on the container port: egress and ingress both allow it", () => {
    expect(edge(diagram, "aws_lb", "aws_ecs_task_definition")).toMatchObject({ label: "tcp 9000", kind: "network" });
  });

  it("draws the tasks to the database on 5432: egress by the data subnets' CIDRs, ingress by security group", () => {
    expect(edge(diagram, "aws_ecs_task_definition", "aws_db_instance")).toMatchObject({ label: "tcp 5432", kind: "network" });
  });

  it("sends the tasks' traffic to anywhere through their default route, the NAT gateway, then the internet gateway", () => {
    expect(edge(diagram, "aws_ecs_task_definition", "aws_nat_gateway")?.label).toBe("tcp 443");
    expect(edge(diagram, "aws_nat_gateway", "aws_internet_gateway")?.label).toBe("0.0.0.0/0");
    expect(edge(diagram, "aws_internet_gateway", "internet")?.label).toBe("egress");
  });

  it("draws no flow the rules do not allow: nothing leaves the database, the tasks cannot reach the load balancer", () => {
    const db = idOf(diagram, "aws_db_instance");
    expect(diagram.edges.filter((e) => e.from === db && e.kind === "network")).toEqual([]);
    expect(edge(diagram, "aws_ecs_task_definition", "aws_lb")).toBeUndefined();
  });

  it("draws no flow when only one side allows it", () => {
    const stack = smallStack();
    delete stack.resource.aws_vpc_security_group_egress_rule["alb-to-app"];
    expect(edge(buildDiagram("prod", stack), "aws_lb", "aws_ecs_task_definition")).toBeUndefined();
  });

  it("draws references as labelled arrows: the service runs its tasks, the plan backs up the database and copies to the DR vault", () => {
    expect(edge(diagram, "aws_ecs_service", "aws_ecs_task_definition")).toMatchObject({ label: "runs", kind: "reference" });
    const plan = idOf(diagram, "aws_backup_plan");
    const db = idOf(diagram, "aws_db_instance");
    expect(diagram.edges.find((e) => e.from === plan && e.to === db)).toMatchObject({ label: "backs up", upward: true });
    const dr = byType(diagram, "aws_backup_vault").find((v) => v.cluster === "dr")!;
    expect(diagram.edges.find((e) => e.from === plan && e.to === dr.id)?.label).toBe("recovery points");
  });

  it("labels nodes with what the plan says: engine, class, Multi-AZ; CPU and memory; containers and ports", () => {
    const db = byType(diagram, "aws_db_instance")[0];
    expect(db.title).toBe("RDS postgres 16");
    expect(db.details).toContain("db.t4g.small, Multi-AZ");
    expect(byType(diagram, "aws_ecs_task_definition")[0].details).toEqual(["shop-prod-app", "0.5 vCPU, 1 GB", "app :9000"]);
  });

  it("names nodes by type and AWS name, so renaming every logical id changes nothing", () => {
    const renamed = buildDiagram(
      "prod",
      smallStack((id) => `tier_${id.replace(/-/g, "_")}_0123ABCD`),
    );
    expect(renamed).toEqual(diagram);
    expect(idOf(diagram, "aws_db_instance")).toBe("database_db");
  });

  it("leaves out clusters that hold nothing", () => {
    expect(diagram.clusters.map((c) => c.id)).not.toContain("observability");
  });
});

describe("buildDiagram with CloudFront in front of the load balancer", () => {
  const stack = smallStack();
  stack.data = { aws_ec2_managed_prefix_list: { cloudfront: { name: "com.amazonaws.global.cloudfront.origin-facing" } } };
  stack.resource.aws_wafv2_web_acl = { edge: { name: "shop-prod-edge", scope: "CLOUDFRONT", rule: [] } };
  stack.resource.aws_cloudfront_distribution = {
    cdn: { aliases: ["shop.example.com"], web_acl_id: "${aws_wafv2_web_acl.edge.arn}", origin: [{ domain_name: "${aws_lb.alb.dns_name}", origin_id: "alb" }] },
  };
  stack.resource.aws_vpc_security_group_ingress_rule["alb-https"] = {
    security_group_id: "${aws_security_group.alb-sg.id}",
    prefix_list_id: "${data.aws_ec2_managed_prefix_list.cloudfront.id}",
    from_port: 443,
    to_port: 443,
    ip_protocol: "tcp",
  };
  const diagram = buildDiagram("prod", stack);

  it("draws the distribution at the edge, behind its WAF, with the load balancer as its origin", () => {
    const cdn = byType(diagram, "aws_cloudfront_distribution")[0];
    expect(cdn).toMatchObject({ cluster: "edge", details: ["shop.example.com"] });
    expect(edge(diagram, "aws_wafv2_web_acl", "aws_cloudfront_distribution")?.label).toBe("filters");
    expect(diagram.edges.filter((e) => e.from === cdn.id && e.to === idOf(diagram, "aws_lb")).map((e) => e.label)).toEqual(["tcp 443, origin"]);
  });

  it("admits CloudFront to the load balancer by its prefix list, and no longer the internet", () => {
    expect(diagram.edges.filter((e) => e.from === "internet")).toEqual([]);
  });
});

describe("cidrContains", () => {
  it("holds a subnet inside its VPC and anything inside 0.0.0.0/0", () => {
    expect(cidrContains("10.0.0.0/16", "10.0.3.0/24")).toBe(true);
    expect(cidrContains("0.0.0.0/0", "10.0.3.0/24")).toBe(true);
  });

  it("does not hold a wider or a disjoint block", () => {
    expect(cidrContains("10.0.3.0/24", "10.0.0.0/16")).toBe(false);
    expect(cidrContains("10.1.0.0/16", "10.0.3.0/24")).toBe(false);
  });
});
