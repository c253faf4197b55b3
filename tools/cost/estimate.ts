/**
 * The monthly cost of one synthesized stack: its resources priced with the dated table
 * (prices.ts) and the usage assumptions (usage.ts), itemized by tier and resource. Pure: a stack's
 * JSON in, an estimate out. It prices what the plan asks for, so a changed task size, schedule,
 * retention or node count moves the estimate; what the plan cannot say comes from usage.ts.
 */
import { PriceError, PriceSource, priceOf } from "./prices";
import { ScheduledFloor, StrategyItem, taskHours } from "./scaling";
import { Usage } from "./usage";
import { releasedCount } from "../../src/tiers/app/released-count";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the synthesized plan is untyped JSON
type Json = Record<string, any>;

/** One synthesized stack: the parsed `stacks/<stack>/cdk.tf.json`. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Json>>;
  readonly provider?: { readonly aws?: readonly Json[] };
  readonly [key: string]: unknown;
}

export interface LineItem {
  readonly tier: string;
  /** The resource's Terraform address, e.g. `aws_nat_gateway.network_nat-0_D2F55FEE`. */
  readonly address: string;
  /** What is billed, e.g. `NAT gateway hours`: stable across plans, so a diff can pair lines. */
  readonly item: string;
  /** How the quantity came about, e.g. `300 GB / 3`. */
  readonly detail?: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitUsd: number;
  readonly monthlyUsd: number;
  readonly region: string;
  /** The price table's key, and where that price comes from. */
  readonly priceKey: string;
  readonly source: PriceSource;
}

export interface StackEstimate {
  readonly stack: string;
  readonly region: string;
  readonly lines: LineItem[];
  readonly totalUsd: number;
  /** Resources that could not be priced: a type neither priced nor free, or a price missing. */
  readonly problems: string[];
  /** How the task-hours were derived, and other assumptions worth reading next to the figures. */
  readonly notes: string[];
}

/** The tiers a line is filed under, in the order the report prints them. */
export const TIERS = ["edge", "network", "app", "data", "delivery", "observability", "audit", "shared"] as const;

/** Construct ids (the first part of a resource's construct path) and the tier they belong to. */
const CONSTRUCT_TIERS: Record<string, string> = {
  dns: "edge",
  "load-balancer": "edge",
  waf: "edge",
  cdn: "edge",
  edge: "edge",
  network: "network",
  app: "app",
  "app-scaling": "app",
  "app-sg": "app",
  "app-egress-https": "app",
  registry: "app",
  "images-key": "app",
  hosts: "app",
  database: "data",
  cache: "data",
  backup: "data",
  data: "data",
  pipeline: "delivery",
  delivery: "delivery",
  alarms: "observability",
  "service-health": "observability",
  "service-alarms": "observability",
  "data-alarms": "observability",
  "failure-events": "observability",
  "log-queries": "observability",
  dashboard: "observability",
  prometheus: "observability",
  "logs-key": "observability",
  observability: "observability",
  audit: "audit",
};

/** Where a resource without a known construct on its path goes, by the start of its type. */
const TYPE_TIERS: readonly [string, string][] = [
  ["aws_lb", "edge"],
  ["aws_wafv2", "edge"],
  ["aws_cloudfront", "edge"],
  ["aws_route53", "edge"],
  ["aws_nat_gateway", "network"],
  ["aws_eip", "network"],
  ["aws_vpc_endpoint", "network"],
  ["aws_ecs", "app"],
  ["aws_autoscaling", "app"],
  ["aws_ecr", "app"],
  ["aws_db", "data"],
  ["aws_rds", "data"],
  ["aws_elasticache", "data"],
  ["aws_backup", "data"],
  ["aws_codebuild", "delivery"],
  ["aws_codepipeline", "delivery"],
  ["aws_cloudwatch", "observability"],
  ["aws_prometheus", "observability"],
  ["aws_guardduty", "audit"],
  ["aws_cloudtrail", "audit"],
];

/**
 * The tier of a resource: the first construct on its path (cdktf's `//` metadata) that is a tier or
 * a known capability, else by its type, else `shared`.
 */
export function tierOf(resource: Json, type = ""): string {
  const path: string = resource?.["//"]?.metadata?.path ?? "";
  for (const part of path.split("/").slice(1)) {
    if ((TIERS as readonly string[]).includes(part)) return part;
    if (part in CONSTRUCT_TIERS) return CONSTRUCT_TIERS[part];
  }
  return TYPE_TIERS.find(([prefix]) => type.startsWith(prefix))?.[1] ?? "shared";
}

/**
 * Resource types that cost nothing by themselves, each with why. Their cost, where they cause one,
 * is on the resource that bills it (a task definition's tasks on the service, a flow log's volume
 * on its log group). A type in neither this list nor `PRICERS` fails the test on the real plans.
 */
export const FREE_TYPES: Readonly<Record<string, string>> = {
  aws_acm_certificate: "public ACM certificates are free",
  aws_acm_certificate_validation: "a wait for validation, not a resource",
  aws_appautoscaling_policy: "scaling policies are free; the tasks they add are priced on the service",
  aws_appautoscaling_target: "free; its minimum is priced on the service (or the Aurora readers)",
  aws_appautoscaling_scheduled_action: "free; the floor it sets is priced on the service",
  aws_backup_selection: "free; the recovery points are priced on the backup plan",
  aws_backup_vault: "free; the recovery points in it are priced on the backup plan",
  aws_backup_vault_lock_configuration: "vault lock is free",
  aws_backup_vault_notifications: "free (SNS delivery of a few events)",
  aws_chatbot_slack_channel_configuration: "AWS Chatbot is free",
  aws_cloudfront_cache_policy: "configuration",
  aws_cloudfront_origin_access_control: "configuration",
  aws_cloudfront_origin_request_policy: "configuration",
  aws_cloudfront_response_headers_policy: "configuration",
  aws_cloudtrail: "the first copy of management events is free; its CloudWatch log group is priced",
  aws_cloudwatch_log_delivery: "free; the delivered logs are priced where they land (vended-log delivery fees are not modelled)",
  aws_cloudwatch_log_delivery_destination: "configuration",
  aws_cloudwatch_log_delivery_source: "configuration",
  aws_cloudwatch_event_rule: "AWS service events on the default bus are free",
  aws_cloudwatch_event_target: "delivery to SNS of AWS service events is free",
  aws_cloudwatch_log_resource_policy: "a policy",
  aws_cloudwatch_query_definition: "saved queries are free; running them is billed per GB scanned (not modelled)",
  aws_codebuild_report_group: "test reports are free",
  aws_codestarconnections_connection: "connections are free",
  aws_codestarnotifications_notification_rule: "notification rules are free (SNS delivery)",
  aws_db_parameter_group: "configuration",
  aws_db_subnet_group: "configuration",
  aws_default_security_group: "security groups are free",
  aws_dynamodb_table_item: "its storage is priced on the table",
  aws_ecr_lifecycle_policy: "configuration",
  aws_ecr_repository_creation_template: "configuration; the replicas' storage is priced on the replication",
  aws_ecs_capacity_provider: "free; its Auto Scaling group's hosts are priced",
  aws_ecs_cluster_capacity_providers: "configuration; the tasks are priced on the service",
  aws_ecs_task_definition: "free; its tasks are priced on the service",
  aws_elasticache_parameter_group: "configuration",
  aws_elasticache_subnet_group: "configuration",
  aws_elasticache_user: "users are free",
  aws_elasticache_user_group: "user groups are free",
  aws_flow_log: "free; the log volume is priced on its log group (and GuardDuty reads it)",
  aws_grafana_workspace_saml_configuration: "configuration; the users are priced on the workspace",
  aws_iam_openid_connect_provider: "IAM is free",
  aws_iam_policy: "IAM is free",
  aws_iam_role: "IAM is free",
  aws_iam_role_policy: "IAM is free",
  aws_iam_role_policy_attachment: "IAM is free",
  aws_iam_instance_profile: "IAM is free",
  aws_internet_gateway: "free; data transfer out is priced on the load balancer",
  aws_kms_alias: "aliases are free",
  aws_launch_template: "free; its instances are priced on the Auto Scaling group",
  aws_lb_listener: "free; the load balancer's hours and LCUs are priced",
  aws_lb_listener_rule: "free within the 10 rules an LCU includes",
  aws_lb_target_group: "free",
  aws_rds_cluster_parameter_group: "configuration",
  aws_route: "free",
  aws_route53_record: "alias queries to AWS resources are free",
  aws_route_table: "free",
  aws_route_table_association: "free",
  aws_s3_bucket_lifecycle_configuration: "free; it shapes the storage priced on the bucket",
  aws_s3_bucket_logging: "free; the log objects are priced as storage on the log bucket",
  aws_s3_bucket_ownership_controls: "configuration",
  aws_s3_bucket_policy: "configuration",
  aws_s3_bucket_public_access_block: "configuration",
  aws_s3_bucket_replication_configuration:
    "free; the copy's storage is priced on its bucket (the inter-region transfer of a few MB of state or logs is not modelled)",
  aws_s3_bucket_server_side_encryption_configuration: "configuration (its KMS key is priced)",
  aws_s3_bucket_versioning: "configuration (noncurrent versions are not modelled)",
  aws_security_group: "security groups are free",
  aws_sns_topic: "the first million requests and 1,000 emails a month are free",
  aws_sns_topic_policy: "a policy",
  aws_sns_topic_subscription: "email delivery of alarms: within the free tier",
  aws_ssm_parameter: "standard parameters are free",
  aws_subnet: "free",
  aws_vpc: "free",
  aws_vpc_security_group_egress_rule: "free",
  aws_vpc_security_group_ingress_rule: "free",
  aws_wafv2_web_acl_association: "free; the web ACL is priced",
  aws_wafv2_web_acl_logging_configuration: "free; the log volume is priced on its log group",
  terraform_data: "Terraform-only",
};

interface Context {
  readonly usage: Usage;
  readonly notes: string[];
  /** Task-hours services place on EC2 capacity providers, by the provider as the strategy names it. */
  readonly ec2Tasks: Map<string, { hours: number; vcpu: number; memoryGb: number }[]>;
  /** The region of a resource: its provider's (an alias such as `aws.dr`), else the stack's. */
  regionOf(resource: Json): string;
  all(type: string): [string, Json][];
  /** The resource a `${type.name.attr}` reference points at. */
  deref(reference: unknown, type: string): [string, Json] | undefined;
  add(address: string, resource: Json, item: string, quantity: number, priceKey: string, options?: { region?: string; factor?: number; unit?: string }): void;
}

type Pricer = (ctx: Context, address: string, resource: Json) => void;

const num = (value: unknown, fallback = 0): number => {
  const n = typeof value === "string" ? Number(value) : typeof value === "number" ? value : NaN;
  return Number.isFinite(n) ? n : fallback;
};
const list = (value: unknown): Json[] => (Array.isArray(value) ? value : value && typeof value === "object" ? [value] : []);
const DAYS_PER_MONTH = 365 / 12;

/** The name of the resource a reference string names: `${aws_lb.alb.arn}` -> `alb`. */
function referencedName(reference: unknown, type: string): string | undefined {
  if (typeof reference !== "string") return undefined;
  const match = new RegExp(`\\$\\{${type}\\.([^.}]+)\\.`).exec(reference);
  return match?.[1];
}

/** The first `key` whose text appears in `name` (in the record's order), else `default`. */
function byNamePart<T>(record: Record<string, T>, name: string): T {
  const key = Object.keys(record).find((k) => k !== "default" && name.includes(k));
  return record[key ?? "default"];
}

/** Times a backup rule's cron schedule runs per month: monthly, weekly days or daily. */
export function runsPerMonth(schedule: string): number {
  const match = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(schedule?.trim() ?? "");
  if (!match) return DAYS_PER_MONTH;
  const [, , hour, dayOfMonth, , dayOfWeek] = match;
  const perDay = hour === "*" ? 24 : hour.split(",").length;
  if (dayOfMonth !== "*" && dayOfMonth !== "?") return dayOfMonth.split(",").length;
  if (dayOfWeek !== "*" && dayOfWeek !== "?") {
    const days = dayOfWeek.split(",").reduce((n, part) => {
      const [a, b] = part.split("-");
      const index = (d: string) => ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"].indexOf(d.toUpperCase()) + 1 || Number(d);
      return n + (b === undefined ? 1 : ((index(b) - index(a) + 7) % 7) + 1);
    }, 0);
    return (days * perDay * 52) / 12;
  }
  return DAYS_PER_MONTH * perDay;
}

// ---- compute -------------------------------------------------------------------------------

const ecsService: Pricer = (ctx, address, service) => {
  const name = address.split(".")[1];
  const found = ctx.deref(service.task_definition, "aws_ecs_task_definition");
  if (!found) throw new PriceError(`its task definition is not in the stack`);
  const task = found[1];
  const vcpu = num(task.cpu) / 1024;
  const memoryGb = num(task.memory) / 1024;
  const arch = task.runtime_platform?.cpu_architecture === "ARM64" ? "arm" : "x86";
  const target = ctx
    .all("aws_appautoscaling_target")
    .find(([, t]) => t.service_namespace === "ecs" && referencedName(t.resource_id, "aws_ecs_service") === name);
  // Counts that wait for the first release are priced as released: what the service runs at.
  const minimum = (target ? releasedCount(target[1].min_capacity) : releasedCount(service.desired_count)) ?? (target ? 0 : 1);
  const maximum = target ? (releasedCount(target[1].max_capacity) ?? minimum) : minimum;
  const actions: ScheduledFloor[] = target
    ? ctx
        .all("aws_appautoscaling_scheduled_action")
        .filter(
          ([, a]) =>
            referencedName(a.resource_id, "aws_appautoscaling_target") === target[0].split(".")[1] && a.scalable_target_action?.min_capacity !== undefined,
        )
        .map(([, a]) => ({ schedule: a.schedule, minCapacity: num(a.scalable_target_action.min_capacity), timezone: a.timezone }))
    : [];
  const clusterName = referencedName(service.cluster, "aws_ecs_cluster");
  const clusterDefault = ctx
    .all("aws_ecs_cluster_capacity_providers")
    .find(([, c]) => referencedName(c.cluster_name, "aws_ecs_cluster") === clusterName)?.[1].default_capacity_provider_strategy;
  const rawStrategy = list(service.capacity_provider_strategy).length ? list(service.capacity_provider_strategy) : list(clusterDefault);
  const strategy: StrategyItem[] = rawStrategy.length
    ? rawStrategy.map((s) => ({ capacityProvider: s.capacity_provider, base: num(s.base), weight: num(s.weight) }))
    : [{ capacityProvider: service.launch_type === "EC2" ? "EC2" : "FARGATE", base: 0, weight: 1 }];
  const hours = taskHours({
    minimum,
    actions,
    peakShare: ctx.usage.app.peakShare,
    peakTasks: ctx.usage.app.peakTasks ?? maximum,
    strategy,
    hoursPerMonth: ctx.usage.hoursPerMonth,
  });
  const spot = hours.byProvider.FARGATE_SPOT ?? 0;
  const schedule = actions.length
    ? `, scheduled floors ${actions.map((a) => `${a.minCapacity} at ${a.schedule}${a.timezone ? ` ${a.timezone}` : ""}`).join(" and ")}`
    : "";
  ctx.notes.push(
    `${address}: ${hours.total.toFixed(0)} task-hours a month = minimum ${minimum}${schedule} (average floor ${hours.averageFloor.toFixed(2)} tasks), ` +
      `${(ctx.usage.app.peakShare * 100).toFixed(0)}% of the hours at ${Math.max(ctx.usage.app.peakTasks ?? maximum, minimum)} tasks; ` +
      `${hours.total ? ((spot / hours.total) * 100).toFixed(0) : 0}% on FARGATE_SPOT`,
  );
  const ephemeralGb = Math.max(0, num(task.ephemeral_storage?.size_in_gib, 20) - 20);
  for (const [provider, taskHoursOn] of Object.entries(hours.byProvider)) {
    if (taskHoursOn <= 0) continue;
    if (provider !== "FARGATE" && provider !== "FARGATE_SPOT") {
      ctx.notes.push(`${address}: ${taskHoursOn.toFixed(0)} task-hours on ${provider}, priced as its hosts (the Auto Scaling group)`);
      ctx.ec2Tasks.set(provider, [...(ctx.ec2Tasks.get(provider) ?? []), { hours: taskHoursOn, vcpu, memoryGb }]);
      continue;
    }
    const kind = provider === "FARGATE" ? "fargate" : "fargateSpot";
    const label = provider === "FARGATE" ? "Fargate on-demand" : "Fargate Spot";
    ctx.add(address, service, `${label} vCPU (${vcpu} vCPU x ${taskHoursOn.toFixed(0)} task-hours)`, vcpu * taskHoursOn, `${kind}.vcpu.${arch}`);
    ctx.add(address, service, `${label} memory (${memoryGb} GB x ${taskHoursOn.toFixed(0)} task-hours)`, memoryGb * taskHoursOn, `${kind}.gb.${arch}`);
  }
  if (ephemeralGb > 0) ctx.add(address, service, `ephemeral storage above 20 GB`, ephemeralGb * hours.total, "fargate.ephemeralGb");
};

/** vCPUs, GiB and network interfaces of the instance types in the price table (awsvpc tasks take an interface each). */
const INSTANCE_SPECS: Record<string, readonly [vcpu: number, gib: number, enis: number]> = {
  "t4g.micro": [2, 1, 2],
  "t4g.small": [2, 2, 3],
  "t4g.medium": [2, 4, 3],
  "t4g.large": [2, 8, 3],
  "t4g.xlarge": [4, 16, 4],
  "m7g.medium": [1, 4, 2],
  "m7g.large": [2, 8, 3],
  "m7g.xlarge": [4, 16, 4],
  "m7g.2xlarge": [8, 32, 4],
  "c7g.medium": [1, 2, 2],
  "c7g.large": [2, 4, 3],
  "c7g.xlarge": [4, 8, 4],
  "r7g.medium": [1, 8, 2],
  "r7g.large": [2, 16, 3],
  "r7g.xlarge": [4, 32, 4],
  "m6g.large": [2, 8, 3],
  "c6g.large": [2, 4, 3],
  "t3.small": [2, 2, 3],
  "t3.medium": [2, 4, 3],
  "t3.large": [2, 8, 3],
  "m6i.large": [2, 8, 3],
  "m7i.large": [2, 8, 3],
  "c7i.large": [2, 4, 3],
};

/** Memory the ECS agent and the OS keep on a host (GiB). */
const HOST_RESERVED_GIB = 0.25;

/**
 * An Auto Scaling group's hosts: at least its minimum; behind an ECS capacity provider with
 * managed scaling, as many as the services' task-hours on that provider need at its target
 * capacity (tasks per host by CPU, memory and network interfaces), never more than its maximum.
 * Hosts above the on-demand base and percentage are Spot, at the average Spot discount.
 */
const autoscalingGroup: Pricer = (ctx, address, group) => {
  const mixed = list(group.mixed_instances_policy)[0];
  const spec = list(group.launch_template)[0] ?? list(list(mixed?.launch_template)[0]?.launch_template_specification)[0];
  const template = ctx.deref(spec?.id ?? spec?.launch_template_id, "aws_launch_template")?.[1];
  const type: string | undefined = list(list(mixed?.launch_template)[0]?.override)[0]?.instance_type ?? template?.instance_type;
  if (!type) throw new PriceError("no instance type found (launch template or mixed instances override)");
  const hoursPerMonth = ctx.usage.hoursPerMonth;
  const minimum = num(group.desired_capacity, releasedCount(group.min_size) ?? 0);
  const maximum = num(group.max_size, Infinity);
  const self = address.split(".")[1];
  const provider = ctx
    .all("aws_ecs_capacity_provider")
    .find(([, p]) => referencedName(list(p.auto_scaling_group_provider)[0]?.auto_scaling_group_arn, "aws_autoscaling_group") === self);
  let hostHours = minimum * hoursPerMonth;
  let why = `minimum ${minimum}`;
  if (provider) {
    const [vcpus, gib, enis] = INSTANCE_SPECS[type] ?? [];
    if (vcpus === undefined) throw new PriceError(`no vCPU and memory figures for ${type}: add them to INSTANCE_SPECS in tools/cost/estimate.ts`);
    const names = [`\${${provider[0]}.name}`, provider[1].name];
    const tasks = names.flatMap((n) => ctx.ec2Tasks.get(n) ?? []);
    const target = num(list(list(provider[1].auto_scaling_group_provider)[0]?.managed_scaling)[0]?.target_capacity, 100) / 100;
    const needed =
      tasks.reduce((sum, t) => {
        const perHost = Math.max(1, Math.min(Math.floor(vcpus / t.vcpu), Math.floor((gib - HOST_RESERVED_GIB) / t.memoryGb), enis - 1));
        return sum + t.hours / perHost;
      }, 0) / target;
    if (needed > hostHours) {
      hostHours = Math.min(needed, maximum * hoursPerMonth);
      why = `the tasks on ${provider[1].name ?? provider[0]} at ${Math.round(target * 100)}% target capacity`;
    }
  }
  const hosts = hostHours / hoursPerMonth;
  const distribution = list(mixed?.instances_distribution)[0];
  const base = num(distribution?.on_demand_base_capacity, 0);
  const percent = distribution ? num(distribution.on_demand_percentage_above_base_capacity, 100) / 100 : 1;
  const onDemand = Math.min(hosts, base) + Math.max(0, hosts - base) * percent;
  const detail = `${hosts.toFixed(2)} x ${type} on average: ${why}`;
  ctx.add(address, group, `EC2 hosts on-demand (${detail})`, onDemand * hoursPerMonth, `ec2.${type}`);
  const spotFactor = priceOf(ctx.regionOf(group), "ec2.spotFactor").usd;
  ctx.add(address, group, `EC2 hosts on Spot (${detail})`, (hosts - onDemand) * hoursPerMonth, `ec2.${type}`, { factor: spotFactor });
  const volumeGb = list(template?.block_device_mappings).reduce((sum, b) => sum + num(list(b.ebs)[0]?.volume_size), 0) || 30;
  ctx.add(address, group, `EBS gp3 root volumes (${hosts.toFixed(2)} x ${volumeGb} GB)`, hosts * volumeGb, "ebs.gp3");
};

// ---- network -------------------------------------------------------------------------------

const natGateway: Pricer = (ctx, address, nat) => {
  const gateways = ctx.all("aws_nat_gateway").length;
  ctx.add(address, nat, "NAT gateway hours", ctx.usage.hoursPerMonth, "nat.hour");
  ctx.add(address, nat, `NAT data processed (${ctx.usage.network.natGb} GB / ${gateways})`, ctx.usage.network.natGb / gateways, "nat.gb");
};

const eip: Pricer = (ctx, address, ip) => ctx.add(address, ip, "public IPv4 address", ctx.usage.hoursPerMonth, "publicIpv4.hour");

const vpcEndpoint: Pricer = (ctx, address, endpoint) => {
  const type = endpoint.vpc_endpoint_type ?? "Gateway";
  if (type === "Gateway") return; // S3 and DynamoDB gateway endpoints are free.
  if (type !== "Interface") throw new PriceError(`${type} endpoints are not in the price table`);
  const azs = list(endpoint.subnet_ids).length || 1;
  const interfaces = ctx.all("aws_vpc_endpoint").filter(([, e]) => e.vpc_endpoint_type === "Interface").length;
  const service = String(endpoint.service_name ?? "")
    .split(".")
    .slice(3)
    .join(".");
  ctx.add(address, endpoint, `interface endpoint ${service} (${azs} AZs)`, azs * ctx.usage.hoursPerMonth, "vpce.azHour");
  ctx.add(address, endpoint, `endpoint data processed`, ctx.usage.network.endpointGb / interfaces, "vpce.gb");
};

const loadBalancer: Pricer = (ctx, address, lb) => {
  if ((lb.load_balancer_type ?? "application") !== "application") throw new PriceError(`${lb.load_balancer_type} load balancers are not in the price table`);
  const albs = ctx.all("aws_lb").length;
  const { requestsPerMonth, transferOutGb, requestsPerConnection } = ctx.usage.traffic;
  const hoursPerMonth = ctx.usage.hoursPerMonth;
  // LCUs: the largest of processed GB per hour (1 GB each) and new connections per second (25 each).
  const processed = (transferOutGb * 1.1) / albs / hoursPerMonth;
  const connections = requestsPerMonth / requestsPerConnection / albs / (hoursPerMonth * 3600) / 25;
  const lcus = Math.max(processed, connections);
  ctx.add(address, lb, "ALB hours", hoursPerMonth, "alb.hour");
  ctx.add(address, lb, `ALB LCUs (average ${lcus.toFixed(2)})`, lcus * hoursPerMonth, "alb.lcu");
  if (lb.internal !== true) {
    const azs = list(lb.subnets).length || list(lb.subnet_mapping).length || 2;
    ctx.add(address, lb, `public IPv4 addresses (${azs} AZs)`, azs * hoursPerMonth, "publicIpv4.hour");
    const first = ctx.all("aws_lb").find(([, l]) => l.internal !== true)?.[0];
    if (first === address && !frontsLoadBalancer(ctx)) {
      ctx.add(address, lb, "data transfer out to the internet", transferOutGb, "transfer.internetOut");
    }
  }
};

/** Whether a CloudFront distribution has a load balancer as an origin (it then carries the app's traffic). */
function frontsLoadBalancer(ctx: Context): boolean {
  return ctx.all("aws_cloudfront_distribution").some(([, d]) => list(d.origin).some((o) => /\$\{aws_lb\./.test(String(o.domain_name))));
}

/**
 * A distribution in front of the load balancer carries the app's traffic (`traffic`); one in
 * front of something else (a static front end on S3) carries `cdn`. Origin fetches are free.
 */
const cloudfront: Pricer = (ctx, address, distribution) => {
  const region = "us-east-1";
  const app = list(distribution.origin).some((o) => /\$\{aws_lb\./.test(String(o.domain_name)));
  const traffic = app ? ctx.usage.traffic : ctx.usage.cdn;
  ctx.add(
    address,
    distribution,
    `CloudFront transfer out (${app ? "the app's traffic" : "the front end's"})`,
    traffic.transferOutGb,
    "cloudfront.transferOut",
    { region },
  );
  ctx.add(address, distribution, "CloudFront HTTPS requests", traffic.requestsPerMonth / 10_000, "cloudfront.httpsRequests", { region });
};

const cloudfrontFunction: Pricer = (ctx, address, fn) =>
  ctx.add(address, fn, "CloudFront Functions invocations (the front end's requests)", ctx.usage.cdn.requestsPerMonth / 1e6, "cloudfront.functionInvocations", {
    region: "us-east-1",
  });

/** Additional distribution metrics: eight CloudWatch metrics per distribution. */
const cloudfrontMonitoring: Pricer = (ctx, address, subscription) =>
  ctx.add(address, subscription, "CloudFront additional metrics (8 per distribution)", 8, "cw.customMetric", { region: "us-east-1" });

const grafana: Pricer = (ctx, address, workspace) => {
  ctx.add(address, workspace, "Managed Grafana editors", ctx.usage.grafana.editors, "grafana.editor");
  ctx.add(address, workspace, "Managed Grafana viewers", ctx.usage.grafana.viewers, "grafana.viewer");
};

const PAID_RULE_GROUPS = ["AWSManagedRulesBotControlRuleSet", "AWSManagedRulesATPRuleSet", "AWSManagedRulesACFPRuleSet"];

const webAcl: Pricer = (ctx, address, acl) => {
  const region = acl.scope === "CLOUDFRONT" ? "us-east-1" : undefined;
  const rules = list(acl.rule);
  ctx.add(address, acl, "WAF web ACL", 1, "waf.acl", { region });
  ctx.add(address, acl, `WAF rules (${rules.length})`, rules.length, "waf.rule", { region });
  ctx.add(address, acl, "WAF requests", ctx.usage.traffic.requestsPerMonth / 1e6 / ctx.all("aws_wafv2_web_acl").length, "waf.requests", { region });
  const paid = rules.filter((r) => PAID_RULE_GROUPS.includes(r.statement?.managed_rule_group_statement?.name));
  if (paid.length) ctx.add(address, acl, `paid managed rule groups (${paid.length})`, paid.length, "waf.botControl", { region });
};

// ---- data ----------------------------------------------------------------------------------

const dbInstance: Pricer = (ctx, address, db) => {
  const engine = String(db.engine ?? "postgres");
  const azs = db.multi_az === true ? 2 : 1;
  const allocated = num(db.allocated_storage);
  const storageType = db.storage_type ?? "gp3";
  ctx.add(
    address,
    db,
    `${engine} instance (${db.instance_class}, ${azs === 2 ? "Multi-AZ: primary and standby" : "Single-AZ"})`,
    azs * ctx.usage.hoursPerMonth,
    `rds.${engine}.${db.instance_class}`,
  );
  ctx.add(address, db, `${storageType} storage (${allocated} GB${azs === 2 ? " x 2 AZs" : ""})`, allocated * azs, `rds.${storageType}`);
  const iops = num(db.iops);
  const baseline = allocated >= 400 ? 12_000 : 3_000;
  if (storageType === "gp3" && iops > baseline) ctx.add(address, db, `provisioned IOPS above ${baseline}`, (iops - baseline) * azs, "rds.gp3Iops");
  const { usedGb, dailyChange } = ctx.usage.database;
  const retention = num(db.backup_retention_period, 1);
  // Automated backups: one full copy plus a day's changes per retained day; free up to the allocated storage.
  const backup = usedGb + usedGb * dailyChange * retention;
  if (backup > allocated) ctx.add(address, db, `automated backups beyond the free share (${retention} days)`, backup - allocated, "rds.backup");
  if (db.manage_master_user_password === true) ctx.add(address, db, "master password secret (RDS-managed)", 1, "secrets.secret");
  if (num(db.performance_insights_retention_period, 7) > 7) ctx.notes.push(`${address}: Performance Insights beyond 7 days is not priced`);
};

const rdsCluster: Pricer = (ctx, address, cluster) => {
  const { usedGb, dailyChange, ioMillions } = ctx.usage.database;
  ctx.add(address, cluster, `Aurora storage (${usedGb} GB used)`, usedGb, "aurora.storage");
  if (cluster.storage_type !== "aurora-iopt1") ctx.add(address, cluster, "Aurora I/O requests", ioMillions, "aurora.io");
  const retention = num(cluster.backup_retention_period, 1);
  // Aurora's free backup share is the cluster's volume: the daily changes kept are what is charged.
  ctx.add(address, cluster, `backups beyond the free share (${retention} days)`, usedGb * dailyChange * retention, "aurora.backup");
  if (cluster.manage_master_user_password === true) ctx.add(address, cluster, "master password secret (RDS-managed)", 1, "secrets.secret");
  const name = address.split(".")[1];
  const instances = ctx.all("aws_rds_cluster_instance").filter(([, i]) => referencedName(i.cluster_identifier, "aws_rds_cluster") === name);
  const readers = ctx
    .all("aws_appautoscaling_target")
    .find(([, t]) => t.service_namespace === "rds" && referencedName(t.resource_id, "aws_rds_cluster") === name);
  const extra = readers ? Math.max(0, num(readers[1].min_capacity) - Math.max(0, instances.length - 1)) : 0;
  if (extra > 0 && instances[0]) {
    const cls = instances[0][1].instance_class;
    ctx.add(
      readers![0],
      readers![1],
      `autoscaled Aurora readers at the minimum (${extra} x ${cls})`,
      extra * ctx.usage.hoursPerMonth,
      clusterInstanceKey(cls),
      { unit: "hour" },
    );
  }
};

const clusterInstanceKey = (cls: string) => (cls === "db.serverless" ? "aurora.acu" : `aurora.${cls}`);

const rdsClusterInstance: Pricer = (ctx, address, instance) => {
  const cls = String(instance.instance_class);
  if (cls === "db.serverless") {
    const cluster = ctx.deref(instance.cluster_identifier, "aws_rds_cluster")?.[1];
    const acus = num(list(cluster?.serverlessv2_scaling_configuration)[0]?.min_capacity, 0.5);
    ctx.add(address, instance, `Aurora Serverless v2 (${acus} ACU minimum)`, acus * ctx.usage.hoursPerMonth, "aurora.acu");
    return;
  }
  const factor = ctx.deref(instance.cluster_identifier, "aws_rds_cluster")?.[1].storage_type === "aurora-iopt1" ? 1.3 : 1;
  ctx.add(address, instance, `Aurora instance (${cls}${factor > 1 ? ", I/O-Optimized: +30%" : ""})`, ctx.usage.hoursPerMonth, `aurora.${cls}`, { factor });
};

const cacheGroup: Pricer = (ctx, address, group) => {
  const shards = num(group.num_node_groups, 1);
  const nodes = group.num_cache_clusters !== undefined ? num(group.num_cache_clusters) : shards * (num(group.replicas_per_node_group) + 1);
  const valkey = group.engine === "valkey";
  const factor = valkey ? priceOf(ctx.regionOf(group), "elasticache.valkeyFactor").usd : 1;
  ctx.add(
    address,
    group,
    `${valkey ? "Valkey" : (group.engine ?? "redis")} nodes (${nodes} x ${group.node_type}${valkey ? ", 20% below Redis OSS" : ""})`,
    nodes * ctx.usage.hoursPerMonth,
    `elasticache.${group.node_type}`,
    { factor },
  );
  const snapshots = num(group.snapshot_retention_limit);
  if (snapshots > 1)
    ctx.add(address, group, `snapshots beyond the free one (${snapshots} kept)`, (snapshots - 1) * ctx.usage.cache.snapshotGb * shards, "elasticache.backup");
};

const cacheCluster: Pricer = (ctx, address, cluster) => {
  if (cluster.replication_group_id) return; // a member: priced on its replication group
  const nodes = num(cluster.num_cache_nodes, 1);
  ctx.add(
    address,
    cluster,
    `${cluster.engine ?? "redis"} nodes (${nodes} x ${cluster.node_type})`,
    nodes * ctx.usage.hoursPerMonth,
    `elasticache.${cluster.node_type}`,
  );
};

/** Storage classes a lifecycle transition can name, and their price keys. */
const STORAGE_CLASS_KEYS: Record<string, string> = {
  GLACIER_IR: "s3.glacierIr",
  STANDARD_IA: "s3.standardIa",
  INTELLIGENT_TIERING: "s3.intelligentTiering",
  GLACIER: "s3.glacier",
  DEEP_ARCHIVE: "s3.deepArchive",
};

const bucket: Pricer = (ctx, address, b) => {
  const name = String(b.bucket ?? b.bucket_prefix ?? address);
  const usage = byNamePart(ctx.usage.buckets, name);
  const self = address.split(".")[1];
  const rules = ctx
    .all("aws_s3_bucket_lifecycle_configuration")
    .filter(([, l]) => referencedName(l.bucket, "aws_s3_bucket") === self)
    .flatMap(([, l]) => list(l.rule))
    .filter((r) => r.status === "Enabled");
  const expiration = rules.map((r) => num(list(r.expiration)[0]?.days, NaN)).find((d) => Number.isFinite(d));
  const horizon = expiration ?? ctx.usage.bucketHorizonDays;
  const transition = rules
    .flatMap((r) => list(r.transition))
    .map((t) => ({ days: num(t.days), storageClass: String(t.storage_class), key: STORAGE_CLASS_KEYS[t.storage_class] ?? `s3.${t.storage_class}` }))
    .sort((a, c) => a.days - c.days)[0];
  const standardDays = transition ? Math.min(transition.days, horizon) : horizon;
  const kept = expiration !== undefined ? `kept ${expiration} days` : `no expiry: ${horizon} days accumulated`;
  ctx.add(address, b, `S3 Standard (${usage.gbPerDay} GB/day, ${kept})`, usage.gbPerDay * standardDays, "s3.standard");
  if (transition && horizon > transition.days)
    ctx.add(address, b, `S3 ${transition.storageClass} (after ${transition.days} days)`, usage.gbPerDay * (horizon - transition.days), transition.key);
  ctx.add(address, b, "S3 PUT requests", (usage.putsPerDay * DAYS_PER_MONTH) / 1000, "s3.put");
};

const logGroup: Pricer = (ctx, address, group) => {
  const name = String(group.name ?? group.name_prefix ?? address);
  const ingest = byNamePart(ctx.usage.logs.ingestGb, name);
  if (group.log_group_class === "INFREQUENT_ACCESS") throw new PriceError("the Infrequent Access log class is not in the price table");
  const retention = num(group.retention_in_days) || ctx.usage.bucketHorizonDays;
  ctx.add(address, group, `log ingestion (${ingest} GB/month)`, ingest, "logs.ingest");
  ctx.add(
    address,
    group,
    `log storage (${retention} days kept, compressed)`,
    ingest * ctx.usage.logs.storedRatio * (retention / DAYS_PER_MONTH),
    "logs.storage",
  );
};

const backupPlan: Pricer = (ctx, address, plan) => {
  const self = address.split(".")[1];
  const protectedGb =
    ctx
      .all("aws_backup_selection")
      .filter(([, s]) => referencedName(s.plan_id, "aws_backup_plan") === self)
      .flatMap(([, s]) => (Array.isArray(s.resources) ? s.resources : []))
      .filter((r) => typeof r === "string" && /\$\{aws_(db_instance|rds_cluster)\./.test(r)).length * ctx.usage.database.usedGb;
  if (protectedGb === 0) {
    ctx.notes.push(`${address}: protects no database in this stack (tag selections are not priced)`);
    return;
  }
  const { dailyChange, monthlyChange } = ctx.usage.database;
  // Each recovery point stores what changed since the one before it: a day's changes for dailies,
  // a month's (rewrites counted once) for monthlies; never more than a full copy.
  const changeOver = (days: number) => Math.min(1, days < 7 ? dailyChange * days : monthlyChange * (days / DAYS_PER_MONTH));
  const stored = new Map<string, { region: string; gb: number }>();
  const keep = (vault: [string, Json] | undefined, gb: number) => {
    const key = vault?.[0] ?? "vault";
    const entry = stored.get(key) ?? { region: vault ? ctx.regionOf(vault[1]) : ctx.regionOf(plan), gb: protectedGb };
    entry.gb += gb;
    stored.set(key, entry);
  };
  for (const rule of list(plan.rule)) {
    const runs = runsPerMonth(rule.schedule);
    const interval = DAYS_PER_MONTH / runs;
    const increment = protectedGb * changeOver(interval);
    const kept = (lifecycle: Json | undefined) => Math.max(1, (num(list(lifecycle)[0]?.delete_after, ctx.usage.bucketHorizonDays) / DAYS_PER_MONTH) * runs);
    const vault = ctx.all("aws_backup_vault").find(([a]) => referencedName(rule.target_vault_name, "aws_backup_vault") === a.split(".")[1]);
    const points = kept(rule.lifecycle);
    keep(vault, (points - 1) * increment);
    ctx.notes.push(
      `${address}: rule ${rule.rule_name}: ${points.toFixed(0)} recovery points kept, each ~${increment.toFixed(1)} GB of changes on a ${protectedGb} GB database`,
    );
    for (const copy of list(rule.copy_action)) {
      const destination = ctx.all("aws_backup_vault").find(([a]) => referencedName(copy.destination_vault_arn, "aws_backup_vault") === a.split(".")[1]);
      keep(destination, (kept(copy.lifecycle) - 1) * increment);
      const sourceRegion = vault ? ctx.regionOf(vault[1]) : ctx.regionOf(plan);
      if (destination && ctx.regionOf(destination[1]) !== sourceRegion) {
        ctx.add(address, plan, `${rule.rule_name} copies to ${ctx.regionOf(destination[1])} (transfer)`, runs * increment, "transfer.interRegion", {
          region: sourceRegion,
        });
      }
    }
  }
  for (const [vault, { region, gb }] of stored) {
    ctx.add(address, plan, `recovery points in ${vault.split(".")[1]} (${region}, ${gb.toFixed(0)} GB)`, gb, "backup.rdsWarm", { region });
  }
};

const dynamodbTable: Pricer = (ctx, address, table) => {
  if ((table.billing_mode ?? "PROVISIONED") !== "PAY_PER_REQUEST") throw new PriceError("provisioned capacity tables are not in the price table");
  ctx.add(address, table, "DynamoDB storage", ctx.usage.dynamodb.storedGb, "dynamodb.storage");
  ctx.add(address, table, "DynamoDB on-demand writes", ctx.usage.dynamodb.writesMillions, "dynamodb.requests");
};

// ---- delivery, observability, security ---------------------------------------------------------

const codebuildProject: Pricer = (ctx, address, project) => {
  const env = list(project.environment)[0] ?? {};
  const minutes = byNamePart(ctx.usage.pipeline.buildMinutes, String(project.name ?? address)) * ctx.usage.pipeline.releasesPerMonth;
  ctx.add(
    address,
    project,
    `CodeBuild ${env.compute_type} ${env.type} (${ctx.usage.pipeline.releasesPerMonth} releases)`,
    minutes,
    `codebuild.${env.type}.${env.compute_type}`,
  );
};

const codepipeline: Pricer = (ctx, address, pipeline) => {
  if (pipeline.pipeline_type === "V2") {
    ctx.add(
      address,
      pipeline,
      "CodePipeline V2 action minutes",
      ctx.usage.pipeline.releasesPerMonth * ctx.usage.pipeline.actionMinutesPerRelease,
      "codepipeline.v2ActionMinute",
    );
  } else ctx.add(address, pipeline, "CodePipeline V1 pipeline", 1, "codepipeline.v1Pipeline");
};

const ecrRepository: Pricer = (ctx, address, repo) => ctx.add(address, repo, "ECR image storage", ctx.usage.registry.storedGb, "ecr.storage");

const ecrReplication: Pricer = (ctx, address, config) => {
  const destinations = list(config.replication_configuration)
    .flatMap((c) => list(c.rule))
    .flatMap((r) => list(r.destination));
  for (const d of destinations) {
    ctx.add(address, config, `ECR replica storage in ${d.region}`, ctx.usage.registry.storedGb, "ecr.storage", { region: d.region });
    ctx.add(address, config, `ECR replication to ${d.region} (transfer)`, ctx.usage.registry.pushedGbPerMonth, "transfer.interRegion");
  }
};

const kmsKey: Pricer = (ctx, address, key) => {
  ctx.add(address, key, "KMS customer managed key (first year; each of the first two rotations adds $1)", 1, "kms.key");
  const first = ctx.all("aws_kms_key")[0][0];
  if (first === address) ctx.add(address, key, "KMS requests (all keys)", ctx.usage.kmsRequestsPerMonth / 10_000, "kms.requests");
};

const secret: Pricer = (ctx, address, s) => ctx.add(address, s, "secret", 1, "secrets.secret");

const metricAlarm: Pricer = (ctx, address, alarm) => {
  const metrics = list(alarm.metric_query).filter((q) => q.metric_stat || q.metric).length || 1;
  ctx.add(address, alarm, `alarm (${metrics} metric${metrics > 1 ? "s" : ""})`, metrics, "cw.alarmMetric");
};

const compositeAlarm: Pricer = (ctx, address, alarm) => ctx.add(address, alarm, "composite alarm", 1, "cw.compositeAlarm");
const dashboard: Pricer = (ctx, address, d) => ctx.add(address, d, "dashboard (the first 3 per account are free)", 1, "cw.dashboard");
const metricFilter: Pricer = (ctx, address, f) =>
  ctx.add(address, f, "custom metric from a log filter", list(f.metric_transformation).length || 1, "cw.customMetric");

const ecsCluster: Pricer = (ctx, address, cluster) => {
  const insights = list(cluster.setting).find((s) => s.name === "containerInsights")?.value;
  if (insights && insights !== "disabled")
    ctx.add(address, cluster, `Container Insights (${insights}) metrics`, ctx.usage.containerInsightsMetrics, "cw.customMetric");
};

const guardDuty: Pricer = (ctx, address, detector) => {
  if (detector.enable === false) return;
  ctx.add(address, detector, "GuardDuty CloudTrail management events", ctx.usage.guardDuty.managementEventsMillions, "guardduty.managementEvents");
  ctx.add(address, detector, "GuardDuty VPC flow and DNS logs analysed", ctx.usage.guardDuty.flowAndDnsGb, "guardduty.flowAndDnsLogs");
};

const prometheus: Pricer = (ctx, address, workspace) => {
  ctx.add(address, workspace, "Prometheus samples ingested", ctx.usage.prometheus.samplesMillions / 10, "prometheus.samples");
  ctx.add(address, workspace, "Prometheus metric storage", ctx.usage.prometheus.storedGb, "prometheus.storage");
};

const hostedZone: Pricer = (ctx, address, zone) => ctx.add(address, zone, "hosted zone", 1, "route53.zone");

/** The resource types that cost money, each with how it is priced. */
export const PRICERS: Readonly<Record<string, Pricer>> = {
  aws_ecs_service: ecsService,
  aws_autoscaling_group: autoscalingGroup,
  aws_nat_gateway: natGateway,
  aws_eip: eip,
  aws_vpc_endpoint: vpcEndpoint,
  aws_lb: loadBalancer,
  aws_cloudfront_distribution: cloudfront,
  aws_cloudfront_function: cloudfrontFunction,
  aws_cloudfront_monitoring_subscription: cloudfrontMonitoring,
  aws_grafana_workspace: grafana,
  aws_wafv2_web_acl: webAcl,
  aws_db_instance: dbInstance,
  aws_rds_cluster: rdsCluster,
  aws_rds_cluster_instance: rdsClusterInstance,
  aws_elasticache_replication_group: cacheGroup,
  aws_elasticache_cluster: cacheCluster,
  aws_s3_bucket: bucket,
  aws_cloudwatch_log_group: logGroup,
  aws_backup_plan: backupPlan,
  aws_dynamodb_table: dynamodbTable,
  aws_codebuild_project: codebuildProject,
  aws_codepipeline: codepipeline,
  aws_ecr_repository: ecrRepository,
  aws_ecr_replication_configuration: ecrReplication,
  aws_kms_key: kmsKey,
  aws_secretsmanager_secret: secret,
  aws_cloudwatch_metric_alarm: metricAlarm,
  aws_cloudwatch_composite_alarm: compositeAlarm,
  aws_cloudwatch_dashboard: dashboard,
  aws_cloudwatch_log_metric_filter: metricFilter,
  aws_ecs_cluster: ecsCluster,
  aws_guardduty_detector: guardDuty,
  aws_prometheus_workspace: prometheus,
  aws_route53_zone: hostedZone,
};

/** The stack's default region and its provider aliases' regions. */
function providerRegions(json: StackJson): { region: string; aliases: Record<string, string> } {
  const providers = list(json.provider?.aws);
  const main = providers.find((p) => !p.alias);
  const aliases = Object.fromEntries(providers.filter((p) => p.alias).map((p) => [`aws.${p.alias}`, String(p.region)]));
  return { region: String(main?.region ?? "eu-central-1"), aliases };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Prices one stack. */
export function estimateStack(stack: string, json: StackJson, usage: Usage): StackEstimate {
  const { region, aliases } = providerRegions(json);
  const resources = json.resource ?? {};
  const lines: LineItem[] = [];
  const notes: string[] = [];
  const problems: string[] = [];
  const ctx: Context = {
    usage,
    notes,
    ec2Tasks: new Map(),
    regionOf: (resource) => (typeof resource?.provider === "string" && aliases[resource.provider]) || region,
    all: (type) => Object.entries(resources[type] ?? {}).map(([name, r]) => [`${type}.${name}`, r]),
    deref: (reference, type) => {
      const name = referencedName(reference, type);
      return name && resources[type]?.[name] ? [`${type}.${name}`, resources[type][name]] : undefined;
    },
    add: (address, resource, item, quantity, priceKey, options = {}) => {
      if (!(quantity > 0)) return;
      const where = options.region ?? ctx.regionOf(resource);
      const price = priceOf(where, priceKey);
      const unitUsd = price.usd * (options.factor ?? 1);
      // "label (detail)": the label pairs lines across plans, the detail explains the quantity.
      const match = /^(.*?) \((.*)\)$/.exec(item);
      const [label, detail] = match ? [match[1], match[2]] : [item, undefined];
      lines.push({
        tier: tierOf(resource, address.split(".")[0]),
        address,
        item: label,
        detail,
        quantity,
        unit: options.unit ?? price.unit,
        unitUsd,
        monthlyUsd: quantity * unitUsd,
        region: where,
        priceKey,
        source: price.source,
      });
    },
  };
  // Services first: the Auto Scaling groups behind their capacity providers are sized by their tasks.
  const order = (type: string) => (type === "aws_ecs_service" ? 0 : 1);
  for (const type of Object.keys(resources).sort((a, b) => order(a) - order(b) || a.localeCompare(b))) {
    const pricer = PRICERS[type];
    if (!pricer) {
      if (!(type in FREE_TYPES))
        problems.push(
          `${type} (${Object.keys(resources[type]).length}): neither priced nor listed as free: add it to PRICERS or FREE_TYPES in tools/cost/estimate.ts`,
        );
      continue;
    }
    for (const [address, resource] of ctx.all(type)) {
      try {
        pricer(ctx, address, resource);
      } catch (error) {
        if (!(error instanceof PriceError)) throw error;
        problems.push(`${address}: ${error.message}`);
      }
    }
  }
  const totalUsd = round(lines.reduce((sum, l) => sum + l.monthlyUsd, 0));
  return { stack, region, lines, totalUsd, problems, notes };
}

/** Monthly totals by tier, in TIERS order. */
export function byTier(estimate: StackEstimate): { tier: string; usd: number }[] {
  return TIERS.map((tier) => ({ tier, usd: estimate.lines.filter((l) => l.tier === tier).reduce((s, l) => s + l.monthlyUsd, 0) })).filter((t) => t.usd > 0);
}

/** Monthly totals by resource address, largest first. */
export function byResource(estimate: StackEstimate): { address: string; tier: string; usd: number }[] {
  const totals = new Map<string, { address: string; tier: string; usd: number }>();
  for (const l of estimate.lines) {
    const entry = totals.get(l.address) ?? { address: l.address, tier: l.tier, usd: 0 };
    entry.usd += l.monthlyUsd;
    totals.set(l.address, entry);
  }
  return [...totals.values()].sort((a, b) => b.usd - a.usd);
}
