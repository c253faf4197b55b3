import { Construct } from "constructs";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { LoadBalancer, LoadBalancerProps } from "../../../src/tiers/edge/load-balancer";
import { naming, parsed, resources, synth } from "../../helpers";
import { testZone } from "./edge-fixtures";

function build(overrides: Partial<LoadBalancerProps> = {}): string {
  return synth((scope: Construct) => {
    const vpc = new Vpc(scope, "vpc", {});
    new LoadBalancer(scope, "lb", {
      naming,
      region: "eu-central-1",
      accountId: "111111111111",
      vpc,
      subnets: [new Subnet(scope, "a", { vpcId: vpc.id }), new Subnet(scope, "b", { vpcId: vpc.id })],
      appSecurityGroup: new SecurityGroup(scope, "app", {}),
      containerPort: 8080,
      healthCheckPath: "/health",
      certificateArn: "arn:aws:acm:eu-central-1:111111111111:certificate/x",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      deregistrationDelaySeconds: 30,
      accessLogExpirationDays: 30,
      zone: testZone(scope),
      names: ["notes.example.com", "www.notes.example.com"],
      blueGreen: true,
      ...overrides,
    });
  });
}

describe("LoadBalancer", () => {
  const json = build();

  it("is internet-facing, dual-stack, drops invalid headers and is protected", () => {
    expect(json).toHaveResourceWithProperties(Lb, {
      internal: false,
      load_balancer_type: "application",
      ip_address_type: "dualstack",
      drop_invalid_header_fields: true,
      enable_deletion_protection: true,
    });
  });

  it("can drop deletion protection outside prod", () => {
    expect(build({ protect: false })).toHaveResourceWithProperties(Lb, { enable_deletion_protection: false });
  });

  it("redirects HTTP to HTTPS", () => {
    expect(json).toHaveResourceWithProperties(LbListener, {
      port: 80,
      default_action: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }],
    });
  });

  it("serves HTTPS with a TLS 1.3 policy and the certificate", () => {
    expect(json).toHaveResourceWithProperties(LbListener, {
      port: 443,
      protocol: "HTTPS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificate_arn: "arn:aws:acm:eu-central-1:111111111111:certificate/x",
    });
  });

  it("opens 80 and 443 to the internet and sends only to the app's port", () => {
    const ingress = resources(json, "aws_vpc_security_group_ingress_rule").filter((r) => r.cidr_ipv4 || r.cidr_ipv6);
    expect(ingress.map((r) => `${r.from_port}/${r.cidr_ipv4 ?? r.cidr_ipv6}`).sort()).toEqual(["443/0.0.0.0/0", "443/::/0", "80/0.0.0.0/0", "80/::/0"]);
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      from_port: 8080,
      to_port: 8080,
      referenced_security_group_id: "${aws_security_group.app.id}",
    });
  });

  it("admits the load balancer to the app's tasks on the container port", () => {
    const fromLb = resources(json, "aws_vpc_security_group_ingress_rule").filter((r) => r.security_group_id === "${aws_security_group.app.id}");
    expect(fromLb).toEqual([expect.objectContaining({ from_port: 8080, referenced_security_group_id: expect.stringMatching(/aws_security_group\.lb_sg_/) })]);
  });

  it("uses IP target groups with the health check and a short deregistration delay", () => {
    expect(json).toHaveResourceWithProperties(LbTargetGroup, {
      name_prefix: "blue-",
      target_type: "ip",
      port: 8080,
      deregistration_delay: "30",
      health_check: expect.objectContaining({ path: "/health", matcher: "200-399" }),
    });
    expect(json).toHaveResourceWithProperties(LbTargetGroup, { name_prefix: "green-" });
  });

  it("names target groups by a prefix and creates their replacements first, so a new port applies in one go", () => {
    for (const group of resources(json, "aws_lb_target_group")) {
      expect(group).toMatchObject({ lifecycle: { create_before_destroy: true }, tags: { Name: expect.stringMatching(/^notes-dev-(blue|green)$/) } });
      expect(group.name).toBeUndefined();
    }
  });

  it("replaces the blue/green production rule with its target groups, since Terraform leaves its action to ECS", () => {
    const rule = resources(json, "aws_lb_listener_rule")[0];
    expect(rule.lifecycle.replace_triggered_by).toEqual([
      expect.stringMatching(/^aws_lb_target_group\.lb_tg-blue_[0-9A-F]+\.id$/),
      expect.stringMatching(/^aws_lb_target_group\.lb_tg-green_[0-9A-F]+\.id$/),
    ]);
  });

  it("leaves the production rule's weights to blue/green deployments", () => {
    expect(json).toHaveResourceWithProperties(LbListenerRule, {
      action: [{ type: "forward", forward: { target_group: [expect.objectContaining({ weight: 100 }), expect.objectContaining({ weight: 0 })] } }],
      lifecycle: expect.objectContaining({ ignore_changes: ["action"] }),
    });
  });

  it("has one target group and a managed rule with rolling deployments", () => {
    const rolling = build({ blueGreen: false });
    expect(resources(rolling, "aws_lb_target_group")).toHaveLength(1);
    expect(resources(rolling, "aws_lb_listener_rule")[0].lifecycle).toBeUndefined();
  });

  it("lets the region's ELB account write access logs to the SSE-S3 bucket", () => {
    const doc = Object.values<any>(parsed(json).data.aws_iam_policy_document)[0];
    expect(doc.statement[1]).toMatchObject({
      sid: "ElbAccessLogDelivery",
      principals: [{ type: "AWS", identifiers: [expect.stringMatching(/^\$\{data.aws_elb_service_account.lb_elb-account_[0-9A-F]+.arn\}$/)] }],
      actions: ["s3:PutObject"],
      resources: ["arn:aws:s3:::notes-dev-alb-logs-111111111111/alb/AWSLogs/111111111111/*"],
    });
    expect(resources(json, "aws_s3_bucket_server_side_encryption_configuration")[0].rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe(
      "AES256",
    );
  });

  it("uses the log delivery service in newer regions", () => {
    const doc = Object.values<any>(parsed(build({ region: "ap-southeast-5" })).data.aws_iam_policy_document)[0];
    expect(doc.statement[1].principals).toEqual([{ type: "Service", identifiers: ["logdelivery.elasticloadbalancing.amazonaws.com"] }]);
  });

  it("writes its aliases through the zone's provider, in the zone's account", () => {
    expect(new Set(resources(json, "aws_route53_record").map((r) => r.provider))).toEqual(new Set(["aws.dns"]));
  });

  it("points A and AAAA aliases of every name at the load balancer", () => {
    const aliases = resources(json, "aws_route53_record");
    expect(aliases.map((r) => `${r.name} ${r.type}`).sort()).toEqual([
      "notes.example.com A",
      "notes.example.com AAAA",
      "www.notes.example.com A",
      "www.notes.example.com AAAA",
    ]);
    expect(aliases[0].alias).toEqual({ name: expect.stringMatching(/dns_name/), zone_id: expect.stringMatching(/zone_id/), evaluate_target_health: true });
  });
});
