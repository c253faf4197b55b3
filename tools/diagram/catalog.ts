/**
 * What the diagram shows of each resource type: the node it makes (where, titled how, grouped or
 * one per resource), the types that are parts of another's node, and which references between
 * nodes are drawn as arrows. Types not listed (IAM, routes, rules, policies) are not drawn.
 */
import { releasedCount } from "../../src/tiers/app/released-count";
import { Json, Resource, isObject } from "./plan";

export type Home = "edge" | "vpc" | "data" | "delivery" | "observability";

export interface Kind {
  readonly home: Home;
  /** Short id prefix of the node. */
  readonly id: string;
  /** One node for all resources of the type (per region), with their count. */
  readonly grouped?: boolean;
  /** First line of the label. */
  readonly title: (members: readonly Resource[], all: readonly Resource[]) => string;
  /** Further lines: what matters about it, read from the plan. */
  readonly details?: (members: readonly Resource[], all: readonly Resource[]) => (string | undefined)[];
}

/** A Terraform expression inside a value shown as `*` (e.g. `notes-dev*-app` for a workspace suffix). */
export function display(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "{") {
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === "{") depth++;
        else if (text[j] === "}" && --depth === 0) break;
      }
      out += "*";
      i = j;
    } else out += text[i];
  }
  return out;
}

const str = (value: Json | undefined): string | undefined =>
  typeof value === "string" ? display(value) : typeof value === "number" ? String(value) : undefined;
const literal = (value: Json | undefined): string | undefined => (typeof value === "string" && value.includes("${") ? undefined : str(value));
const first = (members: readonly Resource[], type: string) => members.find((m) => m.type === type);
const ofType = (members: readonly Resource[], type: string) => members.filter((m) => m.type === type);
const count = (n: number, what: string) => (n === 1 ? what : `${n} ${what}s`);
const list = (values: readonly (string | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];
const blocks = (value: Json | undefined): { [key: string]: Json }[] => (Array.isArray(value) ? value : value ? [value] : []).filter(isObject);

function gigabytes(mib: string | undefined): string | undefined {
  if (!mib) return undefined;
  const n = Number(mib) / 1024;
  return `${Number.isInteger(n) ? n : n.toFixed(1)} GB`;
}

/** Container names and ports of a task definition (JSON or Terraform's jsonencode expression). */
export function containers(definitions: Json | undefined): { name: string; port?: number }[] {
  const text = typeof definitions === "string" ? definitions : "";
  try {
    const parsed = JSON.parse(text) as { name: string; portMappings?: { containerPort?: number }[] }[];
    return parsed.map((c) => ({ name: c.name, port: c.portMappings?.[0]?.containerPort }));
  } catch {
    const found: { name: string; port?: number }[] = [];
    const starts = [...text.matchAll(/\{"name" = "([^"]+)", "image"/g)];
    starts.forEach((match, i) => {
      const body = text.slice(match.index, starts[i + 1]?.index ?? text.length);
      const port = /"containerPort" = (\d+)/.exec(body);
      found.push({ name: match[1], port: port ? Number(port[1]) : undefined });
    });
    return found;
  }
}

function shortService(name: string | undefined): string | undefined {
  return name?.replace(/^com\.amazonaws\.[a-z0-9-]+\./, "");
}

function retention(members: readonly Resource[]): string | undefined {
  const days = list(members.map((m) => str(m.body.retention_in_days)))
    .map(Number)
    .sort((a, b) => a - b);
  if (!days.length) return undefined;
  return days.length === 1 ? `kept ${days[0]} days` : `kept ${days[0]}-${days[days.length - 1]} days`;
}

/** Splits a long comma list over lines of about `width` characters. */
export function wrap(items: readonly string[], width = 34): string[] {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    const next = line ? `${line}, ${item}` : item;
    if (line && next.length > width) {
      lines.push(`${line},`);
      line = item;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export const KINDS: Readonly<Record<string, Kind>> = {
  "data.aws_route53_zone": {
    home: "edge",
    id: "dns",
    title: () => "Route 53 hosted zone",
    details: (m, all) => {
      const zone = m.find((r) => r.address.startsWith("data.aws_route53_zone."))!;
      // The records of the zone but the certificate's validation ones (one per domain, by for_each).
      const records = all.filter((r) => r.type === "aws_route53_record" && r.references.has(zone.address) && r.body.for_each === undefined);
      const types = list(records.map((r) => str(r.body.type)));
      return [
        str(zone.body.name),
        ...wrap(list(records.map((r) => str(r.body.name)))).map((line, i) => (i ? line : `records: ${line}`)),
        types.length ? `(${types.join(", ")})` : undefined,
      ];
    },
  },
  aws_route53_zone: { home: "edge", id: "dns", title: () => "Route 53 hosted zone", details: (m) => [str(first(m, "aws_route53_zone")!.body.name)] },
  aws_acm_certificate: {
    home: "edge",
    id: "certificate",
    title: () => "ACM certificate",
    details: (m) => {
      const cert = first(m, "aws_acm_certificate")!;
      const alternatives = Array.isArray(cert.body.subject_alternative_names) ? cert.body.subject_alternative_names.length : 0;
      return [
        str(cert.body.domain_name),
        alternatives ? `+ ${count(alternatives, "alternative name")}` : undefined,
        `${str(cert.body.validation_method) ?? "DNS"} validated`,
      ];
    },
  },
  aws_cloudfront_distribution: {
    home: "edge",
    id: "cdn",
    title: () => "CloudFront distribution",
    details: (m) => {
      const aliases = first(m, "aws_cloudfront_distribution")!.body.aliases;
      return wrap(list((Array.isArray(aliases) ? aliases : []).map(str)));
    },
  },
  aws_wafv2_web_acl: {
    home: "edge",
    id: "waf",
    title: () => "WAF web ACL",
    details: (m) => {
      const acl = first(m, "aws_wafv2_web_acl")!;
      const rules = blocks(acl.body.rule);
      return [
        str(acl.body.name),
        `${count(rules.length, "rule")}, ${str(acl.body.scope)?.toLowerCase() ?? "regional"}`,
        first(m, "aws_wafv2_web_acl_logging_configuration") ? "logged" : undefined,
      ];
    },
  },
  aws_lb: {
    home: "vpc",
    id: "lb",
    title: (m) => (str(first(m, "aws_lb")!.body.load_balancer_type) === "network" ? "Network Load Balancer" : "Application Load Balancer"),
    details: (m) => {
      const lb = first(m, "aws_lb")!;
      const listeners = ofType(m, "aws_lb_listener").map((l) => {
        const redirect = blocks(l.body.default_action).find((a) => a.type === "redirect");
        const to = redirect && isObject(redirect.redirect) ? str(redirect.redirect.port) : undefined;
        return to ? `${str(l.body.port)} to ${to}` : `${str(l.body.port)} ${str(l.body.protocol) ?? ""}`.trim();
      });
      const groups = ofType(m, "aws_lb_target_group");
      return [
        str(lb.body.name),
        `${lb.body.internal === true ? "internal" : "internet-facing"}${str(lb.body.ip_address_type) === "dualstack" ? ", dual-stack" : ""}`,
        listeners.length ? `listeners: ${listeners.sort().join(", ")}` : undefined,
        groups.length
          ? `${count(groups.length, "target group")}: ${list(
              groups.map((g) =>
                str(g.body.name ?? g.body.name_prefix)
                  ?.replace(/-$/, "")
                  .split("-")
                  .pop(),
              ),
            ).join(", ")}`
          : undefined,
      ];
    },
  },
  aws_internet_gateway: { home: "vpc", id: "igw", title: () => "Internet gateway" },
  aws_nat_gateway: {
    home: "vpc",
    id: "nat",
    grouped: true,
    title: (m) => count(ofType(m, "aws_nat_gateway").length, "NAT gateway"),
    details: (m) => [ofType(m, "aws_eip").length ? `${count(ofType(m, "aws_eip").length, "Elastic IP")}` : undefined],
  },
  aws_vpc_endpoint: {
    home: "vpc",
    id: "endpoints",
    grouped: true,
    title: (m) => `${count(m.length, "VPC endpoint")}`,
    details: (m) => wrap(m.map((e) => `${shortService(str(e.body.service_name))}${str(e.body.vpc_endpoint_type) === "Gateway" ? " (gateway)" : ""}`).sort()),
  },
  aws_ecs_service: {
    home: "vpc",
    id: "service",
    title: () => "ECS service",
    details: (m) => {
      const service = first(m, "aws_ecs_service")!;
      // A provider of the plan's own (EC2 hosts) is a reference: name it by what it is.
      const provider = (p: Json | undefined) => (typeof p === "string" && p.includes("aws_ecs_capacity_provider.") ? "EC2 capacity provider" : str(p));
      const strategy = blocks(service.body.capacity_provider_strategy).map(
        (s) => `${provider(s.capacity_provider)}${Number(s.base) ? ` base ${str(s.base)}` : ""}`,
      );
      const target = first(m, "aws_appautoscaling_target");
      const scheduled = ofType(m, "aws_appautoscaling_scheduled_action")
        .map((a) => (isObject(a.body.scalable_target_action) ? Number(a.body.scalable_target_action.min_capacity) : NaN))
        .filter((n) => Number.isFinite(n) && n > (releasedCount(target?.body.min_capacity) ?? 0));
      const cluster = first(m, "aws_ecs_cluster");
      return [
        str(service.body.name),
        cluster ? `cluster ${str(cluster.body.name)}` : undefined,
        ...(strategy.length ? wrap(strategy) : [str(service.body.launch_type)]),
        target
          ? `${releasedCount(target.body.min_capacity)}-${releasedCount(target.body.max_capacity)} tasks${scheduled.length ? ` (${Math.max(...scheduled)}+ on schedule)` : ""}`
          : `${releasedCount(service.body.desired_count) ?? 1} tasks`,
      ];
    },
  },
  aws_autoscaling_group: {
    home: "vpc",
    id: "hosts",
    title: () => "EC2 hosts",
    details: (m) => {
      const group = first(m, "aws_autoscaling_group")!.body;
      const mixed = blocks(group.mixed_instances_policy)[0];
      const types = blocks(blocks(mixed?.launch_template)[0]?.override).map((o) => str(o.instance_type));
      const distribution = blocks(mixed?.instances_distribution)[0];
      const onDemand = Number(distribution?.on_demand_percentage_above_base_capacity ?? 100);
      return [
        ...wrap(list(types)),
        `${releasedCount(group.min_size)}-${str(group.max_size)} hosts`,
        distribution ? `on-demand base ${str(distribution.on_demand_base_capacity) ?? 0}, ${100 - onDemand}% Spot above` : undefined,
      ];
    },
  },
  aws_ecs_task_definition: {
    home: "vpc",
    id: "tasks",
    title: () => "Tasks",
    details: (m) => {
      const task = m[0].body;
      const platform = isObject(task.runtime_platform) ? str(task.runtime_platform.cpu_architecture) : undefined;
      const cpu = str(task.cpu);
      return [
        str(task.family),
        [cpu ? `${Number(cpu) / 1024} vCPU` : undefined, gigabytes(str(task.memory)), platform].filter(Boolean).join(", ") || undefined,
        ...wrap(containers(task.container_definitions).map((c) => (c.port ? `${c.name} :${c.port}` : c.name))),
      ];
    },
  },
  aws_db_instance: {
    home: "data",
    id: "database",
    title: (m) => `RDS ${str(first(m, "aws_db_instance")!.body.engine)} ${literal(first(m, "aws_db_instance")!.body.engine_version) ?? ""}`.trim(),
    details: (m) => {
      const db = first(m, "aws_db_instance")!.body;
      return [
        str(db.identifier),
        `${str(db.instance_class)}${db.multi_az === true ? ", Multi-AZ" : ""}`,
        db.allocated_storage ? `${str(db.allocated_storage)} GB${db.storage_encrypted === true ? ", encrypted" : ""}` : undefined,
      ];
    },
  },
  aws_rds_cluster: {
    home: "data",
    id: "database",
    title: (m) => `Aurora ${str(first(m, "aws_rds_cluster")!.body.engine)?.replace(/^aurora-?/, "") || "mysql"}`,
    details: (m) => {
      const instances = ofType(m, "aws_rds_cluster_instance");
      return [
        str(first(m, "aws_rds_cluster")!.body.cluster_identifier),
        `${count(instances.length, "instance")}${instances[0] ? ` ${str(instances[0].body.instance_class)}` : ""}`,
      ];
    },
  },
  aws_elasticache_replication_group: {
    home: "data",
    id: "cache",
    title: (m) =>
      `ElastiCache ${str(first(m, "aws_elasticache_replication_group")!.body.engine) ?? "redis"} ${literal(first(m, "aws_elasticache_replication_group")!.body.engine_version) ?? ""}`.trim(),
    details: (m) => {
      const cache = first(m, "aws_elasticache_replication_group")!.body;
      return [
        str(cache.replication_group_id),
        `${str(cache.node_type)} x ${str(cache.num_cache_clusters) ?? 1}${cache.multi_az_enabled === true ? ", Multi-AZ" : ""}`,
      ];
    },
  },
  aws_s3_bucket: { home: "data", id: "bucket", title: () => "S3 bucket", details: (m) => [str(first(m, "aws_s3_bucket")!.body.bucket)] },
  aws_kms_key: {
    home: "data",
    id: "keys",
    grouped: true,
    title: (m) => count(ofType(m, "aws_kms_key").length, "KMS key"),
    details: (m) => [ofType(m, "aws_kms_key").every((k) => k.body.enable_key_rotation === true) ? "customer managed, rotated" : "customer managed"],
  },
  aws_backup_vault: {
    home: "data",
    id: "vault",
    title: () => "Backup vault",
    details: (m) => {
      const lock = first(m, "aws_backup_vault_lock_configuration");
      return [
        str(first(m, "aws_backup_vault")!.body.name),
        lock ? (lock.body.changeable_for_days !== undefined ? "vault lock (compliance)" : "vault lock (governance)") : undefined,
      ];
    },
  },
  aws_backup_plan: {
    home: "data",
    id: "backup-plan",
    title: () => "Backup plan",
    details: (m) =>
      wrap(
        blocks(first(m, "aws_backup_plan")!.body.rule).map(
          (r) => `${str(r.rule_name)}${isObject(r.lifecycle) && r.lifecycle.delete_after ? ` ${str(r.lifecycle.delete_after)} d` : ""}`,
        ),
      ),
  },
  aws_codestarconnections_connection: {
    home: "delivery",
    id: "source",
    title: (m) => `${str(m[0].body.provider_type) ?? "Git"} connection`,
    details: (m) => [str(m[0].body.name)],
  },
  aws_codepipeline: {
    home: "delivery",
    id: "pipeline",
    title: () => "CodePipeline",
    details: (m) => [
      str(m[0].body.name),
      ...wrap(
        blocks(m[0].body.stage).map((s) => str(s.name) ?? "?"),
        30,
      ).map((l) => l.replace(/, /g, " > ")),
    ],
  },
  aws_codebuild_project: {
    home: "delivery",
    id: "build",
    title: () => "CodeBuild project",
    details: (m) => [str(first(m, "aws_codebuild_project")!.body.name)],
  },
  aws_ecr_repository: {
    home: "delivery",
    id: "registry",
    title: () => "ECR repository",
    details: (m) => {
      const repo = first(m, "aws_ecr_repository")!.body;
      const scan = isObject(repo.image_scanning_configuration) && repo.image_scanning_configuration.scan_on_push === true;
      return [
        str(repo.name),
        list([str(repo.image_tag_mutability) === "IMMUTABLE" ? "immutable tags" : undefined, scan ? "scan on push" : undefined]).join(", ") || undefined,
      ];
    },
  },
  aws_cloudwatch_metric_alarm: {
    home: "observability",
    id: "alarms",
    grouped: true,
    title: (m) => count(m.length, "CloudWatch alarm"),
    details: (m) => {
      const composite = ofType(m, "aws_cloudwatch_composite_alarm").length;
      return [composite ? `${ofType(m, "aws_cloudwatch_metric_alarm").length} metric, ${composite} composite` : undefined];
    },
  },
  aws_cloudwatch_event_rule: {
    home: "observability",
    id: "events",
    grouped: true,
    title: (m) => count(ofType(m, "aws_cloudwatch_event_rule").length, "EventBridge rule"),
  },
  aws_sns_topic: {
    home: "observability",
    id: "topic",
    title: () => "SNS topic",
    details: (m) => {
      const subscriptions = ofType(m, "aws_sns_topic_subscription").map((s) => str(s.body.protocol) ?? "?");
      return [
        str(first(m, "aws_sns_topic")!.body.name),
        subscriptions.length
          ? `to ${list(subscriptions)
              .map((p) => `${subscriptions.filter((s) => s === p).length} ${p}`)
              .join(", ")}`
          : undefined,
      ];
    },
  },
  aws_cloudwatch_log_group: {
    home: "observability",
    id: "logs",
    grouped: true,
    title: (m) => count(ofType(m, "aws_cloudwatch_log_group").length, "log group"),
    details: (m) => [retention(ofType(m, "aws_cloudwatch_log_group"))],
  },
  aws_cloudwatch_dashboard: { home: "observability", id: "dashboard", grouped: true, title: (m) => count(m.length, "CloudWatch dashboard") },
  aws_prometheus_workspace: { home: "observability", id: "prometheus", title: () => "Managed Prometheus", details: (m) => [str(m[0].body.alias)] },
  aws_grafana_workspace: {
    home: "observability",
    id: "grafana",
    title: () => "Managed Grafana",
    details: (m) => {
      const sources = m[0].body.data_sources;
      const auth = m[0].body.authentication_providers;
      return [
        Array.isArray(sources) ? sources.map(str).join(", ") : undefined,
        Array.isArray(auth) ? `sign-in ${auth.map((a) => (a === "AWS_SSO" ? "IAM Identity Center" : str(a))).join(", ")}` : undefined,
      ];
    },
  },
  aws_flow_log: {
    home: "observability",
    id: "flow-logs",
    title: () => "VPC flow logs",
    details: (m) => [`${str(m[0].body.traffic_type)?.toLowerCase() ?? "all"} traffic`],
  },
  aws_cloudtrail: {
    home: "observability",
    id: "trail",
    title: () => "CloudTrail",
    details: (m) => [str(m[0].body.name), m[0].body.is_multi_region_trail === true ? "multi-region" : undefined],
  },
  aws_guardduty_detector: { home: "observability", id: "guardduty", title: () => "GuardDuty" },
};

/**
 * Parts: a resource of the first type that references, or is referenced by, one of the second type
 * belongs to that one's node (a listener to its load balancer, a subnet group to its database). A
 * resource joins one node only: the first entry that matches (a validation record joins its
 * certificate, not the zone).
 */
export const PARTS: readonly (readonly [string, string])[] = [
  ["aws_route53_record", "aws_acm_certificate"],
  ["aws_route53_record", "data.aws_route53_zone"],
  ["aws_route53_record", "aws_route53_zone"],
  ["aws_acm_certificate_validation", "aws_acm_certificate"],
  ["aws_wafv2_web_acl_logging_configuration", "aws_wafv2_web_acl"],
  ["aws_lb_listener", "aws_lb"],
  ["aws_lb_listener_rule", "aws_lb_listener"],
  ["aws_lb_listener_certificate", "aws_lb_listener"],
  ["aws_lb_target_group", "aws_lb_listener"],
  ["aws_lb_target_group", "aws_lb_listener_rule"],
  ["aws_eip", "aws_nat_gateway"],
  ["aws_ecs_cluster", "aws_ecs_service"],
  ["aws_ecs_cluster_capacity_providers", "aws_ecs_cluster"],
  ["aws_ecs_capacity_provider", "aws_autoscaling_group"],
  ["aws_launch_template", "aws_autoscaling_group"],
  ["aws_appautoscaling_target", "aws_ecs_service"],
  ["aws_appautoscaling_policy", "aws_appautoscaling_target"],
  ["aws_appautoscaling_scheduled_action", "aws_appautoscaling_target"],
  ["aws_db_subnet_group", "aws_db_instance"],
  ["aws_db_parameter_group", "aws_db_instance"],
  ["aws_db_option_group", "aws_db_instance"],
  ["aws_db_subnet_group", "aws_rds_cluster"],
  ["aws_rds_cluster_instance", "aws_rds_cluster"],
  ["aws_rds_cluster_parameter_group", "aws_rds_cluster"],
  ["aws_elasticache_subnet_group", "aws_elasticache_replication_group"],
  ["aws_elasticache_parameter_group", "aws_elasticache_replication_group"],
  ["aws_elasticache_user_group", "aws_elasticache_replication_group"],
  ["aws_elasticache_user", "aws_elasticache_user_group"],
  ["aws_backup_vault_lock_configuration", "aws_backup_vault"],
  ["aws_backup_vault_notifications", "aws_backup_vault"],
  ["aws_backup_vault_policy", "aws_backup_vault"],
  ["aws_kms_alias", "aws_kms_key"],
  ["aws_ecr_lifecycle_policy", "aws_ecr_repository"],
  ["aws_ecr_repository_policy", "aws_ecr_repository"],
  ["aws_codebuild_report_group", "aws_codebuild_project"],
  ["aws_cloudwatch_composite_alarm", "aws_cloudwatch_metric_alarm"],
  ["aws_cloudwatch_event_target", "aws_cloudwatch_event_rule"],
  ["aws_cloudwatch_log_metric_filter", "aws_cloudwatch_log_group"],
  ["aws_cloudwatch_query_definition", "aws_cloudwatch_log_group"],
  ["aws_sns_topic_policy", "aws_sns_topic"],
  ["aws_sns_topic_subscription", "aws_sns_topic"],
  ["aws_s3_bucket_*", "aws_s3_bucket"],
];

/** Types whose node is wherever the node of the referencing type is (tasks beside their service). */
export const BESIDE: Readonly<Record<string, string>> = { aws_ecs_task_definition: "aws_ecs_service" };

/** The node that holds the security groups of a service: its tasks, which get the network interfaces. */
export const NETWORK_HOLDER: Readonly<Record<string, string>> = { aws_ecs_service: "aws_ecs_task_definition" };

export interface Relation {
  readonly label: string;
  /** Draw from the referenced node to the referencing one. */
  readonly reverse?: boolean;
  /** The arrow points up the page: its head is laid out above its tail (the layout flows down). */
  readonly upward?: boolean;
}

/** References drawn as arrows, keyed `<referencing node type> > <referenced node type>`. */
export const RELATIONS: Readonly<Record<string, Relation>> = {
  "data.aws_route53_zone>aws_lb": { label: "alias" },
  "data.aws_route53_zone>aws_cloudfront_distribution": { label: "alias" },
  "aws_route53_zone>aws_lb": { label: "alias" },
  "aws_route53_zone>aws_cloudfront_distribution": { label: "alias" },
  "aws_lb>aws_acm_certificate": { label: "TLS", reverse: true },
  "aws_cloudfront_distribution>aws_acm_certificate": { label: "TLS", reverse: true },
  "aws_cloudfront_distribution>aws_wafv2_web_acl": { label: "filters", reverse: true },
  "aws_cloudfront_distribution>aws_lb": { label: "origin" },
  "aws_lb>aws_s3_bucket": { label: "access logs" },
  "aws_ecs_service>aws_ecs_task_definition": { label: "runs" },
  "aws_ecs_service>aws_autoscaling_group": { label: "places tasks on" },
  "aws_ecs_service>aws_cloudwatch_metric_alarm": { label: "rollback", reverse: true, upward: true },
  "aws_ecs_task_definition>aws_ecr_repository": { label: "image", reverse: true },
  "aws_ecs_task_definition>aws_prometheus_workspace": { label: "metrics" },
  "aws_codepipeline>aws_codestarconnections_connection": { label: "source", reverse: true },
  "aws_codepipeline>aws_codebuild_project": { label: "runs" },
  "aws_codepipeline>aws_ecs_service": { label: "deploys" },
  "aws_codepipeline>aws_s3_bucket": { label: "artifacts" },
  "aws_codebuild_project>aws_ecr_repository": { label: "pushes" },
  "aws_cloudwatch_metric_alarm>aws_sns_topic": { label: "notifies" },
  "aws_cloudwatch_event_rule>aws_sns_topic": { label: "notifies" },
  "aws_backup_vault>aws_sns_topic": { label: "notifies" },
  "aws_backup_plan>aws_backup_vault": { label: "recovery points" },
  "aws_cloudtrail>aws_s3_bucket": { label: "log files" },
};

/** Resources that only connect two others: an arrow from the node of one attribute to the other's. */
export const CONNECTORS: Readonly<Record<string, { readonly from: string; readonly to: string; readonly label: string; readonly upward?: boolean }>> = {
  aws_wafv2_web_acl_association: { from: "web_acl_arn", to: "resource_arn", label: "filters" },
  aws_backup_selection: { from: "plan_id", to: "resources", label: "backs up", upward: true },
  aws_codestarnotifications_notification_rule: { from: "resource", to: "target", label: "notifies" },
};
