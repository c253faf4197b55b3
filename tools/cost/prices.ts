/**
 * The price table `npm run cost` reads: AWS on-demand list prices in USD for the regions the plans
 * use (eu-central-1: the environments; eu-west-1: the DR copies; us-east-1: the edge, CloudFront
 * and global WAF). Dated: update `PRICES_AS_OF` and the entries together.
 *
 * Where each figure comes from, per entry (`source`):
 * - `knowledge`: the public list price as known for 2025-2026, written from memory because this
 *   machine has no internet. The URL is the AWS page that publishes it: check it there.
 * - `stored-page`: read on a stored copy of a public page (the URL in `page`), then checked against
 *   the AWS page in `url`.
 * Not modelled: free tiers (account-wide, not per stack), Savings Plans, reserved capacity, tax.
 */

export const PRICES_AS_OF = "2026-12-02";

export type PriceSource = "knowledge" | "stored-page";

export interface Price {
  readonly usd: number;
  /** What one `usd` buys: "hour", "GB-month", "GB", "LCU-hour", "million requests", ... */
  readonly unit: string;
  /** The AWS pricing page that publishes it. */
  readonly url: string;
  readonly source: PriceSource;
  /** The stored page a `stored-page` price was read from. */
  readonly page?: string;
}

export type Region = "eu-central-1" | "eu-west-1" | "us-east-1";
export const REGIONS: readonly Region[] = ["eu-central-1", "eu-west-1", "us-east-1"];

const URL = {
  fargate: "https://aws.amazon.com/fargate/pricing/",
  ec2: "https://aws.amazon.com/ec2/pricing/on-demand/",
  spot: "https://aws.amazon.com/ec2/spot/pricing/",
  grafana: "https://aws.amazon.com/grafana/pricing/",
  ebs: "https://aws.amazon.com/ebs/pricing/",
  vpc: "https://aws.amazon.com/vpc/pricing/",
  privatelink: "https://aws.amazon.com/privatelink/pricing/",
  elb: "https://aws.amazon.com/elasticloadbalancing/pricing/",
  rds: "https://aws.amazon.com/rds/postgresql/pricing/",
  aurora: "https://aws.amazon.com/rds/aurora/pricing/",
  elasticache: "https://aws.amazon.com/elasticache/pricing/",
  s3: "https://aws.amazon.com/s3/pricing/",
  cloudwatch: "https://aws.amazon.com/cloudwatch/pricing/",
  backup: "https://aws.amazon.com/backup/pricing/",
  cloudfront: "https://aws.amazon.com/cloudfront/pricing/",
  waf: "https://aws.amazon.com/waf/pricing/",
  kms: "https://aws.amazon.com/kms/pricing/",
  secrets: "https://aws.amazon.com/secrets-manager/pricing/",
  transfer: "https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer",
  codebuild: "https://aws.amazon.com/codebuild/pricing/",
  codepipeline: "https://aws.amazon.com/codepipeline/pricing/",
  ecr: "https://aws.amazon.com/ecr/pricing/",
  guardduty: "https://aws.amazon.com/guardduty/pricing/",
  prometheus: "https://aws.amazon.com/prometheus/pricing/",
  route53: "https://aws.amazon.com/route53/pricing/",
  dynamodb: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
} as const;

type Service = keyof typeof URL;
type Row = readonly [key: string, usd: number, unit: string, service: Service, page?: string];

const STORED = {
  vantageFargate: "https://vantage.sh/blog/fargate-pricing",
  natUsEast: "https://basavytix.com/blog/aws-nat-gateway-pricing",
  ipv4: "https://www.doit.com/aws-public-ipv4-price-increase-the-complete-guide/",
  elbUsEast:
    "https://raw.githubusercontent.com/api-evangelist/amazon-elastic-load-balancing/refs/heads/main/plans/amazon-elastic-load-balancing-plans-pricing.yml",
} as const;

/** Prices that are the same in every region here (global or uniform list prices). */
const UNIFORM: readonly Row[] = [
  ["publicIpv4.hour", 0.005, "hour", "vpc", STORED.ipv4],
  ["waf.acl", 5, "web ACL-month", "waf"],
  ["waf.rule", 1, "rule-month", "waf"],
  ["waf.requests", 0.6, "million requests", "waf"],
  ["waf.botControl", 10, "rule group-month", "waf"],
  ["kms.key", 1, "key-month", "kms"],
  ["kms.requests", 0.03, "10,000 requests", "kms"],
  ["secrets.secret", 0.4, "secret-month", "secrets"],
  ["secrets.calls", 0.05, "10,000 API calls", "secrets"],
  ["cw.alarmMetric", 0.1, "alarm metric-month", "cloudwatch"],
  ["cw.compositeAlarm", 0.5, "alarm-month", "cloudwatch"],
  ["cw.dashboard", 3, "dashboard-month", "cloudwatch"],
  ["cw.customMetric", 0.3, "metric-month", "cloudwatch"],
  ["codepipeline.v2ActionMinute", 0.002, "action minute", "codepipeline"],
  ["codepipeline.v1Pipeline", 1, "pipeline-month", "codepipeline"],
  ["ecr.storage", 0.1, "GB-month", "ecr"],
  ["route53.zone", 0.5, "hosted zone-month", "route53"],
  ["cloudfront.transferOut", 0.085, "GB", "cloudfront"],
  ["cloudfront.httpsRequests", 0.012, "10,000 requests", "cloudfront"],
  ["cloudfront.functionInvocations", 0.1, "million invocations", "cloudfront"],
  ["grafana.editor", 9, "editor-month", "grafana"],
  ["grafana.viewer", 5, "viewer-month", "grafana"],
  ["guardduty.managementEvents", 4, "million events", "guardduty"],
  ["guardduty.flowAndDnsLogs", 1, "GB", "guardduty"],
];

/** Per-region prices: eu-central-1, eu-west-1, us-east-1. */
const REGIONAL: readonly (readonly [key: string, perRegion: readonly [number, number, number], unit: string, service: Service, page?: string])[] = [
  // Fargate, Linux. Spot: the average discount of about 70% (Spot prices move; the page shows today's).
  ["fargate.vcpu.arm", [0.03725, 0.03238, 0.03238], "vCPU-hour", "fargate", STORED.vantageFargate],
  ["fargate.gb.arm", [0.00409, 0.00356, 0.00356], "GB-hour", "fargate", STORED.vantageFargate],
  ["fargate.vcpu.x86", [0.04656, 0.04048, 0.04048], "vCPU-hour", "fargate", STORED.vantageFargate],
  ["fargate.gb.x86", [0.00511, 0.004445, 0.004445], "GB-hour", "fargate", STORED.vantageFargate],
  ["fargateSpot.vcpu.arm", [0.01118, 0.00971, 0.00971], "vCPU-hour", "fargate"],
  ["fargateSpot.gb.arm", [0.00123, 0.00107, 0.00107], "GB-hour", "fargate"],
  ["fargateSpot.vcpu.x86", [0.01397, 0.01214, 0.01214], "vCPU-hour", "fargate"],
  ["fargateSpot.gb.x86", [0.00153, 0.00133, 0.00133], "GB-hour", "fargate"],
  ["fargate.ephemeralGb", [0.000127, 0.000111, 0.000111], "GB-hour above 20 GB", "fargate", STORED.vantageFargate],
  // EC2 hosts (an ECS capacity provider's Auto Scaling group), Linux on-demand.
  ["ec2.t4g.micro", [0.0096, 0.0092, 0.0084], "hour", "ec2"],
  ["ec2.t4g.small", [0.0192, 0.0184, 0.0168], "hour", "ec2"],
  ["ec2.t4g.medium", [0.0384, 0.0368, 0.0336], "hour", "ec2"],
  ["ec2.t4g.large", [0.0768, 0.0736, 0.0672], "hour", "ec2"],
  ["ec2.t4g.xlarge", [0.1536, 0.1472, 0.1344], "hour", "ec2"],
  ["ec2.m7g.medium", [0.0484, 0.045, 0.0408], "hour", "ec2"],
  ["ec2.m7g.large", [0.0967, 0.0899, 0.0816], "hour", "ec2"],
  ["ec2.m7g.xlarge", [0.1934, 0.1798, 0.1632], "hour", "ec2"],
  ["ec2.m7g.2xlarge", [0.3869, 0.3597, 0.3264], "hour", "ec2"],
  ["ec2.c7g.medium", [0.0427, 0.0396, 0.0363], "hour", "ec2"],
  ["ec2.c7g.large", [0.0853, 0.0792, 0.0725], "hour", "ec2"],
  ["ec2.c7g.xlarge", [0.1706, 0.1584, 0.145], "hour", "ec2"],
  ["ec2.r7g.medium", [0.0633, 0.0598, 0.0536], "hour", "ec2"],
  ["ec2.r7g.large", [0.1266, 0.1196, 0.1071], "hour", "ec2"],
  ["ec2.r7g.xlarge", [0.2532, 0.2392, 0.2142], "hour", "ec2"],
  ["ec2.m6g.large", [0.092, 0.086, 0.077], "hour", "ec2"],
  ["ec2.c6g.large", [0.078, 0.077, 0.068], "hour", "ec2"],
  ["ec2.t3.small", [0.024, 0.0228, 0.0208], "hour", "ec2"],
  ["ec2.t3.medium", [0.048, 0.0456, 0.0416], "hour", "ec2"],
  ["ec2.t3.large", [0.096, 0.0912, 0.0832], "hour", "ec2"],
  ["ec2.m6i.large", [0.115, 0.107, 0.096], "hour", "ec2"],
  ["ec2.m7i.large", [0.121, 0.112, 0.1008], "hour", "ec2"],
  ["ec2.c7i.large", [0.1026, 0.0998, 0.0893], "hour", "ec2"],
  // Spot: the average discount for these families (it moves hourly; the Spot page shows today's).
  ["ec2.spotFactor", [0.35, 0.35, 0.35], "x the on-demand price", "spot"],
  ["ebs.gp3", [0.0952, 0.088, 0.08], "GB-month", "ebs"],
  // Network.
  ["nat.hour", [0.052, 0.048, 0.045], "hour", "vpc", STORED.natUsEast],
  ["nat.gb", [0.052, 0.048, 0.045], "GB processed", "vpc", STORED.natUsEast],
  ["vpce.azHour", [0.012, 0.011, 0.01], "endpoint-AZ-hour", "privatelink"],
  ["vpce.gb", [0.01, 0.01, 0.01], "GB processed", "privatelink"],
  ["transfer.internetOut", [0.09, 0.09, 0.09], "GB", "transfer"],
  ["transfer.interRegion", [0.02, 0.02, 0.02], "GB", "transfer"],
  ["alb.hour", [0.027, 0.0252, 0.0225], "hour", "elb", STORED.elbUsEast],
  ["alb.lcu", [0.008, 0.008, 0.008], "LCU-hour", "elb", STORED.elbUsEast],
  // RDS for PostgreSQL, Single-AZ instance hours (Multi-AZ with one standby: twice).
  ["rds.postgres.db.t4g.micro", [0.019, 0.018, 0.016], "hour", "rds"],
  ["rds.postgres.db.t4g.small", [0.038, 0.036, 0.032], "hour", "rds"],
  ["rds.postgres.db.t4g.medium", [0.076, 0.072, 0.065], "hour", "rds"],
  ["rds.postgres.db.t4g.large", [0.152, 0.144, 0.129], "hour", "rds"],
  ["rds.postgres.db.m7g.large", [0.205, 0.19, 0.168], "hour", "rds"],
  ["rds.postgres.db.r7g.large", [0.285, 0.265, 0.239], "hour", "rds"],
  ["rds.postgres.db.r7g.xlarge", [0.57, 0.53, 0.478], "hour", "rds"],
  ["rds.postgres.db.r6g.large", [0.268, 0.25, 0.225], "hour", "rds"],
  ["rds.gp3", [0.137, 0.127, 0.115], "GB-month (Single-AZ)", "rds"],
  ["rds.gp3Iops", [0.024, 0.022, 0.02], "IOPS-month above 3,000", "rds"],
  ["rds.backup", [0.095, 0.095, 0.095], "GB-month beyond the free share", "rds"],
  // Aurora (PostgreSQL and MySQL share these), standard storage configuration.
  ["aurora.db.t4g.medium", [0.088, 0.083, 0.073], "hour", "aurora"],
  ["aurora.db.r7g.large", [0.331, 0.308, 0.276], "hour", "aurora"],
  ["aurora.db.r7g.xlarge", [0.662, 0.616, 0.552], "hour", "aurora"],
  ["aurora.db.r6g.large", [0.311, 0.29, 0.26], "hour", "aurora"],
  ["aurora.acu", [0.14, 0.13, 0.12], "ACU-hour", "aurora"],
  ["aurora.storage", [0.112, 0.11, 0.1], "GB-month", "aurora"],
  ["aurora.io", [0.22, 0.22, 0.2], "million I/O requests", "aurora"],
  ["aurora.backup", [0.023, 0.022, 0.021], "GB-month beyond the free share", "aurora"],
  // ElastiCache node hours for Redis OSS; Valkey nodes are 20% less (`elasticache.valkeyFactor`).
  ["elasticache.cache.t4g.micro", [0.018, 0.018, 0.016], "node-hour", "elasticache"],
  ["elasticache.cache.t4g.small", [0.036, 0.036, 0.032], "node-hour", "elasticache"],
  ["elasticache.cache.t4g.medium", [0.073, 0.072, 0.065], "node-hour", "elasticache"],
  ["elasticache.cache.m7g.large", [0.178, 0.17, 0.158], "node-hour", "elasticache"],
  ["elasticache.cache.r7g.large", [0.249, 0.236, 0.219], "node-hour", "elasticache"],
  ["elasticache.cache.r7g.xlarge", [0.498, 0.472, 0.437], "node-hour", "elasticache"],
  ["elasticache.valkeyFactor", [0.8, 0.8, 0.8], "x the Redis OSS node price", "elasticache"],
  ["elasticache.backup", [0.085, 0.085, 0.085], "GB-month beyond one snapshot", "elasticache"],
  // Storage and logs.
  ["s3.standard", [0.0245, 0.023, 0.023], "GB-month", "s3"],
  ["s3.glacierIr", [0.005, 0.004, 0.004], "GB-month", "s3"],
  ["s3.put", [0.0054, 0.005, 0.005], "1,000 PUT requests", "s3"],
  ["logs.ingest", [0.63, 0.57, 0.5], "GB ingested", "cloudwatch"],
  ["logs.storage", [0.0324, 0.03, 0.03], "GB-month (compressed)", "cloudwatch"],
  // AWS Backup warm storage for RDS and Aurora snapshots; copies to another region pay the transfer.
  ["backup.rdsWarm", [0.095, 0.095, 0.095], "GB-month", "backup"],
  ["dynamodb.storage", [0.306, 0.283, 0.25], "GB-month", "dynamodb"],
  // On-demand throughput after the November 2024 price cut (half the earlier rates).
  ["dynamodb.requests", [0.7625, 0.7068, 0.625], "million write requests", "dynamodb"],
  // CodeBuild on-demand per build minute, by environment type and compute type.
  ["codebuild.ARM_CONTAINER.BUILD_GENERAL1_SMALL", [0.0042, 0.0038, 0.0034], "build minute", "codebuild"],
  ["codebuild.ARM_CONTAINER.BUILD_GENERAL1_MEDIUM", [0.0084, 0.0076, 0.0068], "build minute", "codebuild"],
  ["codebuild.ARM_CONTAINER.BUILD_GENERAL1_LARGE", [0.0168, 0.0152, 0.0136], "build minute", "codebuild"],
  ["codebuild.LINUX_CONTAINER.BUILD_GENERAL1_SMALL", [0.006, 0.005, 0.005], "build minute", "codebuild"],
  ["codebuild.LINUX_CONTAINER.BUILD_GENERAL1_MEDIUM", [0.012, 0.01, 0.01], "build minute", "codebuild"],
  ["codebuild.LINUX_CONTAINER.BUILD_GENERAL1_LARGE", [0.024, 0.02, 0.02], "build minute", "codebuild"],
  ["prometheus.samples", [1.07, 1.0, 0.9], "10 million samples", "prometheus"],
  ["prometheus.storage", [0.03, 0.03, 0.03], "GB-month", "prometheus"],
];

function price(row: Row | readonly [string, number, string, Service, string?]): Price {
  const [, usd, unit, service, page] = row;
  return page ? { usd, unit, url: URL[service], source: "stored-page", page } : { usd, unit, url: URL[service], source: "knowledge" };
}

function table(index: number): Readonly<Record<string, Price>> {
  const entries: [string, Price][] = UNIFORM.map((row) => [row[0], price(row)]);
  for (const [key, values, unit, service, page] of REGIONAL) {
    // A stored page only backs the region it quoted (us-east-1 for the pages found); the others are knowledge.
    const backed = page && index === 2 ? page : undefined;
    entries.push([key, price([key, values[index], unit, service, backed])]);
  }
  return Object.fromEntries(entries);
}

/** Every price, by region and key. */
export const PRICES: Readonly<Record<Region, Readonly<Record<string, Price>>>> = {
  "eu-central-1": table(0),
  "eu-west-1": table(1),
  "us-east-1": table(2),
};

export class PriceError extends Error {}

/** The price of `key` in `region`, or an error saying where to add it. */
export function priceOf(region: string, key: string): Price {
  const regional = (PRICES as Record<string, Record<string, Price>>)[region];
  if (!regional) throw new PriceError(`no prices for region ${region}: add its column to tools/cost/prices.ts (known: ${REGIONS.join(", ")})`);
  const found = regional[key];
  if (!found) throw new PriceError(`no price for ${key} in ${region}: add it to tools/cost/prices.ts`);
  return found;
}
