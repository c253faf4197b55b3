import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { EdgeTier } from "../../../src/tiers/edge/edge-tier";
import { NetworkTier } from "../../../src/tiers/network/network-tier";
import { FrontendConfig } from "../../../src/config/frontend-schema";
import { CLOUDFRONT_ORIGIN_FACING } from "../../../src/tiers/edge/edge-tier";
import { parsed, resources } from "../../helpers";
import { environment, synthTiers } from "../../support/tiers";

function build(name: "dev" | "prod", frontend: Partial<FrontendConfig> = {}) {
  const held: { edge?: EdgeTier } = {};
  const json = synthTiers(name, (scope, context, config) => {
    const network = new NetworkTier(scope, "network", { context, config: config.network });
    held.edge = new EdgeTier(scope, "edge", { context, config: { ...config, frontend: { ...config.frontend, ...frontend } }, network });
  });
  return { json, edge: held.edge as EdgeTier };
}

/** The one resource of `type` whose address contains `part`. */
const one = (json: string, type: string, part: string) => {
  const found = Object.entries<any>(parsed(json).resource[type] ?? {}).filter(([address]) => address.includes(part));
  expect(found).toHaveLength(1);
  return found[0];
};

describe("EdgeTier", () => {
  const { json, edge } = build("prod");
  const thresholds = environment("prod").observability.thresholds;

  it("alarms on the p99 latency at the load balancer", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "notes-prod-p99-latency",
      metric_name: "TargetResponseTime",
      extended_statistic: "p99",
      threshold: thresholds.p99LatencySeconds,
    });
  });

  it("alarms on a spike of WAF blocks", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "notes-prod-waf-blocked",
      namespace: "AWS/WAFV2",
      metric_name: "BlockedRequests",
      dimensions: { WebACL: expect.stringMatching(/^\$\{aws_wafv2_web_acl\./), Rule: "ALL", Region: "eu-central-1" },
    });
  });

  it("sends its load balancer and WAF alarms to the alarm topic", () => {
    const regional = resources(json, "aws_cloudwatch_metric_alarm").filter((a) => a.provider === undefined);
    expect(regional).toHaveLength(2);
    for (const alarm of regional) expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.alarms_topic_/)]);
  });

  it("defines the 5xx metric on the load balancer", () => {
    expect(edge.metric5xx()).toMatchObject({ namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count", stat: "Sum" });
    expect(Object.keys(edge.metric5xx().dimensions ?? {})).toEqual(["LoadBalancer"]);
  });

  it("defines the latency metric at any percentile", () => {
    expect(edge.metricLatency("p90")).toMatchObject({ metricName: "TargetResponseTime", stat: "p90" });
  });

  it("reports unhealthy hosts per target group: both where releases shift traffic", () => {
    expect(edge.metricUnhealthyHosts().map((m) => Object.keys(m.dimensions ?? {}))).toEqual(
      edge.loadBalancer.targetGroups.map(() => ["LoadBalancer", "TargetGroup"]),
    );
    expect(edge.metricUnhealthyHosts()).toHaveLength(environment("prod").app.deploymentStrategy === "ROLLING" ? 1 : 2);
  });

  it("contributes requests, latency, WAF and front-end graphs and its alarms to the dashboard", () => {
    const section = edge.dashboardSection();
    expect(section.graphs.map((g) => g.title)).toEqual(["Requests and errors", "Latency", "WAF", "Front end 5xx rate", "Front end origin latency"]);
    expect(section.alarmArns).toHaveLength(4);
  });

  it("reads the front end's graphs in us-east-1, where CloudFront publishes", () => {
    const graphs = edge.dashboardSection().graphs.filter((g) => g.title.startsWith("Front end"));
    expect(graphs.map((g) => [g.region, g.metrics[0].namespace, g.metrics[0].metricName])).toEqual([
      ["us-east-1", "AWS/CloudFront", "5xxErrorRate"],
      ["us-east-1", "AWS/CloudFront", "OriginLatency"],
    ]);
  });

  it("issues the front end's certificate in us-east-1, validated by records in the API's zone", () => {
    const [, certificate] = one(json, "aws_acm_certificate", "frontend-certificate");
    expect(certificate).toMatchObject({ provider: "aws.edge", domain_name: environment("prod").frontend.domain, validation_method: "DNS" });
    const [, validation] = one(json, "aws_route53_record", "frontend-certificate_validation");
    const [, apiValidation] = one(json, "aws_route53_record", "edge_dns_validation");
    expect(validation.zone_id).toBe(apiValidation.zone_id);
    expect(validation.provider).toBe(apiValidation.provider);
  });

  it("points A and AAAA alias records of the front end's name at the distribution, beside the API's", () => {
    const aliases = resources(json, "aws_route53_record").filter((r) => r.alias?.name?.includes("aws_cloudfront_distribution"));
    expect(aliases.map((r) => [r.name, r.type])).toEqual([
      [environment("prod").frontend.domain, "A"],
      [environment("prod").frontend.domain, "AAAA"],
    ]);
  });

  it("puts the CLOUDFRONT web ACL and its logging in us-east-1, in front of the distribution", () => {
    const [address, acl] = one(json, "aws_wafv2_web_acl", "frontend-waf");
    expect(acl).toMatchObject({ scope: "CLOUDFRONT", provider: "aws.edge" });
    expect(one(json, "aws_wafv2_web_acl_logging_configuration", "frontend-waf")[1].provider).toBe("aws.edge");
    expect(resources(json, "aws_cloudfront_distribution")[0].web_acl_id).toBe(`\${aws_wafv2_web_acl.${address}.arn}`);
  });

  it("admits only its own distribution to the front end's bucket, through OAC", () => {
    const [, policy] = one(json, "aws_s3_bucket_policy", "frontend_content");
    const document = policy.policy.match(/^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/)[1];
    const statements = parsed(json).data.aws_iam_policy_document[document].statement;
    const [distribution] = Object.keys(parsed(json).resource.aws_cloudfront_distribution);
    expect(statements.map((st: any) => [st.sid, st.effect ?? "Allow", st.principals])).toEqual([
      ["DenyInsecureTransport", "Deny", [{ type: "*", identifiers: ["*"] }]],
      ["CloudFrontReadsThroughOac", "Allow", [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }]],
    ]);
    expect(statements[1]).toMatchObject({
      actions: ["s3:GetObject"],
      condition: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [`\${aws_cloudfront_distribution.${distribution}.arn}`] }],
    });
  });

  it("lets only its own distribution decrypt the front end's content key", () => {
    const [, key] = one(json, "aws_kms_key", "frontend_content-key");
    const document = key.policy.match(/^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/)[1];
    const statement = parsed(json).data.aws_iam_policy_document[document].statement.find((st: any) => st.sid === "CloudFrontDecryptsThroughOac");
    expect(statement).toMatchObject({
      actions: ["kms:Decrypt"],
      condition: [{ variable: "AWS:SourceArn", values: [expect.stringMatching(/aws_cloudfront_distribution/)] }],
    });
  });

  it("sends the front end's alarms to a topic in us-east-1, mailed like the alarm topic, encrypted by a key there", () => {
    const [topic, body] = one(json, "aws_sns_topic", "edge-alarms");
    expect(body).toMatchObject({
      provider: "aws.edge",
      name: "notes-prod-edge-alarms",
      kms_master_key_id: expect.stringMatching(/aws_kms_key\.edge_edge-alarms_key_/),
    });
    expect(one(json, "aws_kms_key", "edge-alarms")[1].provider).toBe("aws.edge");
    const alarms = resources(json, "aws_cloudwatch_metric_alarm").filter((a) => a.provider === "aws.edge");
    expect(alarms.map((a) => [a.alarm_name, a.namespace, a.alarm_actions, a.ok_actions])).toEqual([
      ["notes-prod-frontend-5xx", "AWS/CloudFront", [`\${aws_sns_topic.${topic}.arn}`], [`\${aws_sns_topic.${topic}.arn}`]],
      ["notes-prod-frontend-origin-latency", "AWS/CloudFront", [`\${aws_sns_topic.${topic}.arn}`], [`\${aws_sns_topic.${topic}.arn}`]],
    ]);
    const mails = resources(json, "aws_sns_topic_subscription").filter((s) => s.topic_arn.includes(topic));
    expect(mails.map((s) => [s.endpoint, s.provider])).toEqual(environment("prod").observability.alarmEmails.map((e) => [e, "aws.edge"]));
  });

  it("keeps the CloudFront web ACL's logs as long as the load balancer's (edge.wafLogRetentionDays)", () => {
    expect(one(json, "aws_cloudwatch_log_group", "frontend-waf")[1].retention_in_days).toBe(environment("prod").edge.wafLogRetentionDays);
  });

  it("encrypts the us-east-1 log groups with a key in us-east-1", () => {
    const edgeGroups = resources(json, "aws_cloudwatch_log_group").filter((g) => g.provider === "aws.edge");
    expect(edgeGroups.map((g) => g.name).sort()).toEqual(["/aws/vendedlogs/cloudfront/notes-prod-frontend", "aws-waf-logs-notes-prod-edge"]);
    for (const g of edgeGroups) expect(g.kms_key_id).toMatch(/^\$\{aws_kms_key\.edge_edge-logs-key_[0-9A-F]+\.arn\}$/);
    expect(one(json, "aws_kms_key", "edge-logs-key")[1].provider).toBe("aws.edge");
  });

  it("serves the API behind the distribution on the configured path, from the API's own domain", () => {
    const [distribution] = resources(json, "aws_cloudfront_distribution");
    expect(distribution.ordered_cache_behavior[0].path_pattern).toBe(environment("prod").frontend.apiPath);
    expect(distribution.origin[1].domain_name).toBe(environment("prod").dns.domain);
    expect(distribution.price_class).toBe(environment("prod").frontend.priceClass);
  });

  it("keeps the load balancer open on its own domain with albExposure own-domain", () => {
    expect(parsed(json).data.aws_ec2_managed_prefix_list).toBeUndefined();
    expect(resources(json, "aws_vpc_security_group_ingress_rule").filter((r) => r.cidr_ipv4 === "0.0.0.0/0")).toHaveLength(2);
  });

  it("titles its dashboard section with the environment", () => {
    expect(edge.dashboardSection().title).toBe("notes prod: edge");
  });
});

describe("EdgeTier with the API behind CloudFront only", () => {
  const { json } = build("dev", { apiPath: "/api/*", albExposure: "cloudfront-only" });

  it("admits only CloudFront's origin-facing prefix list, on HTTPS, to the load balancer", () => {
    const [list] = Object.entries<any>(parsed(json).data.aws_ec2_managed_prefix_list);
    expect(list[1]).toMatchObject({ name: CLOUDFRONT_ORIGIN_FACING });
    const ingress = resources(json, "aws_vpc_security_group_ingress_rule").filter((r) => r.security_group_id.includes("load-balancer_sg"));
    expect(ingress.map((r) => [r.from_port, r.to_port, r.prefix_list_id, r.cidr_ipv4, r.cidr_ipv6])).toEqual([
      [443, 443, `\${data.aws_ec2_managed_prefix_list.${list[0]}.id}`, undefined, undefined],
    ]);
  });
});

describe("EdgeTier without the front end", () => {
  const { json, edge } = build("dev", { enabled: false });

  it("creates nothing of CloudFront and nothing in us-east-1", () => {
    expect(resources(json, "aws_cloudfront_distribution")).toHaveLength(0);
    expect(
      Object.values<any>(parsed(json).resource)
        .flatMap((byType) => Object.values<any>(byType))
        .filter((r) => r.provider === "aws.edge"),
    ).toEqual([]);
    expect(edge.frontend).toBeUndefined();
  });
});
