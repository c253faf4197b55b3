/**
 * The usage assumptions `npm run cost` prices the plans with: everything a plan does not say
 * (traffic, log volume, data size, releases). One entry per environment; a stack without its own
 * entry (bootstrap, ci-<env>) uses `shared`. Change a figure here and the estimate follows; every
 * figure is checked by `usageSchema` when the tool starts.
 */
import { z } from "zod";

const gb = z.number().min(0);
const share = z.number().min(0).max(1);

export const usageSchema = z
  .object({
    /** Hours in a month: AWS's calculator uses 730. */
    hoursPerMonth: z.number().positive().default(730),
    app: z
      .object({
        /**
         * Share of the month's hours at peak (0..1): during those hours the service runs `peakTasks`
         * instead of the floor its scaling sets (the minimum, raised by the business-hours schedule).
         */
        peakShare: share,
        /** Tasks running at peak. @default the scaling target's maximum */
        peakTasks: z.number().int().positive().optional(),
      })
      .strict(),
    traffic: z
      .object({
        /** HTTP requests per month at the load balancer (and the WAF, and CloudFront where present). */
        requestsPerMonth: z.number().min(0),
        /** GB per month served to the internet (responses). */
        transferOutGb: gb,
        /** Requests per new TCP connection (keep-alive): drives the ALB's new-connection LCUs. */
        requestsPerConnection: z.number().positive(),
      })
      .strict(),
    /** A CloudFront distribution that does not front the load balancer (a static front end): its traffic. */
    cdn: z.object({ requestsPerMonth: z.number().min(0), transferOutGb: gb }).strict(),
    /** Managed Grafana users, billed per active user and month. */
    grafana: z.object({ editors: z.number().int().min(0), viewers: z.number().int().min(0) }).strict(),
    network: z
      .object({
        /** GB per month through the NAT gateways (image pulls, third-party APIs, package installs). */
        natGb: gb,
        /** GB per month through the interface endpoints (ECR, logs, SSM, Secrets Manager). */
        endpointGb: gb,
      })
      .strict(),
    /**
     * GB ingested per month into each log group, by a part of its name (first match wins, in order);
     * `default` for the others.
     */
    logs: z
      .object({
        ingestGb: z.record(z.string(), gb).refine((r) => "default" in r, "needs a default entry"),
        /** CloudWatch bills stored logs compressed: stored GB = ingested GB x this. */
        storedRatio: share,
      })
      .strict(),
    /** GB written per day into each bucket, by a part of its name; `default` for the others. */
    buckets: z.record(z.string(), z.object({ gbPerDay: gb, putsPerDay: z.number().min(0) }).strict()).refine((r) => "default" in r, "needs a default entry"),
    /** Days a bucket without an expiration rule is assumed to accumulate (the first year's average). */
    bucketHorizonDays: z.number().int().positive(),
    database: z
      .object({
        /** GB of data in the database (and so in every snapshot's first full copy). */
        usedGb: gb,
        /** Share of the data changed per day: the size of a daily incremental snapshot. */
        dailyChange: share,
        /**
         * Share of the data that differs between snapshots a month apart (rows rewritten many times
         * count once): the size of a monthly incremental snapshot.
         */
        monthlyChange: share,
        /** Aurora only: million I/O requests per month (standard storage configuration). */
        ioMillions: z.number().min(0),
      })
      .strict(),
    cache: z.object({ /** GB in each snapshot. */ snapshotGb: gb }).strict(),
    pipeline: z
      .object({
        releasesPerMonth: z.number().min(0),
        /** Build minutes per release for each CodeBuild project, by a part of its name; `default` for the others. */
        buildMinutes: z.record(z.string(), z.number().min(0)).refine((r) => "default" in r, "needs a default entry"),
        /** CodePipeline V2 action minutes per release (approval waits are not billed). */
        actionMinutesPerRelease: z.number().min(0),
      })
      .strict(),
    registry: z.object({ storedGb: gb, pushedGbPerMonth: gb }).strict(),
    kmsRequestsPerMonth: z.number().min(0),
    secretsCallsPerMonth: z.number().min(0),
    /** Metrics Container Insights publishes per cluster (its custom metrics; enhanced adds task and container metrics). */
    containerInsightsMetrics: z.number().int().min(0),
    guardDuty: z.object({ managementEventsMillions: z.number().min(0), flowAndDnsGb: gb }).strict(),
    prometheus: z.object({ samplesMillions: z.number().min(0), storedGb: gb }).strict(),
    dynamodb: z.object({ storedGb: gb, writesMillions: z.number().min(0) }).strict(),
  })
  .strict();

export type UsageInput = z.input<typeof usageSchema>;
export type Usage = z.output<typeof usageSchema>;

const logs = (scale: number): UsageInput["logs"] => ({
  ingestGb: {
    // Before "/app", which it contains.
    "app-pipeline": 0.2,
    "/app": 10 * scale,
    "otel-collector": 1 * scale,
    "flow-logs": 15 * scale,
    "aws-waf-logs": 8 * scale,
    cloudtrail: 2,
    "/cache/": 0.2 * scale,
    "/aws/rds/": 1 * scale,
    default: 0.5,
  },
  storedRatio: 0.15,
});

const shared: UsageInput = {
  app: { peakShare: 0 },
  traffic: { requestsPerMonth: 0, transferOutGb: 0, requestsPerConnection: 10 },
  cdn: { requestsPerMonth: 0, transferOutGb: 0 },
  grafana: { editors: 0, viewers: 0 },
  network: { natGb: 0, endpointGb: 0 },
  logs: { ingestGb: { default: 0.1 }, storedRatio: 0.15 },
  buckets: { default: { gbPerDay: 0.001, putsPerDay: 50 } },
  bucketHorizonDays: 365,
  database: { usedGb: 0, dailyChange: 0, monthlyChange: 0, ioMillions: 0 },
  cache: { snapshotGb: 0 },
  pipeline: { releasesPerMonth: 0, buildMinutes: { default: 0 }, actionMinutesPerRelease: 0 },
  registry: { storedGb: 0, pushedGbPerMonth: 0 },
  kmsRequestsPerMonth: 10_000,
  secretsCallsPerMonth: 0,
  containerInsightsMetrics: 0,
  guardDuty: { managementEventsMillions: 0, flowAndDnsGb: 0 },
  prometheus: { samplesMillions: 0, storedGb: 0 },
  // The state lock table: a few thousand locks a month.
  dynamodb: { storedGb: 0.001, writesMillions: 0.01 },
};

// start: the check after the deploy (its wait returns at once when the deploy action already waited).
const buildMinutes = { test: 6, image: 10, migrate: 2, release: 1, start: 1, default: 3 };

/** The assumptions per environment. */
export const USAGE: Readonly<Record<string, UsageInput>> = {
  dev: {
    ...shared,
    app: { peakShare: 0.02 },
    traffic: { requestsPerMonth: 300_000, transferOutGb: 5, requestsPerConnection: 10 },
    cdn: { requestsPerMonth: 200_000, transferOutGb: 5 },
    grafana: { editors: 2, viewers: 0 },
    network: { natGb: 30, endpointGb: 0 },
    logs: logs(0.1),
    buckets: {
      "alb-logs": { gbPerDay: 0.005, putsPerDay: 300 },
      "app-pipeline": { gbPerDay: 0.2, putsPerDay: 40 },
      default: { gbPerDay: 0.01, putsPerDay: 100 },
    },
    database: { usedGb: 2, dailyChange: 0.05, monthlyChange: 0.3, ioMillions: 5 },
    cache: { snapshotGb: 0.1 },
    pipeline: { releasesPerMonth: 80, buildMinutes, actionMinutesPerRelease: 25 },
    registry: { storedGb: 5, pushedGbPerMonth: 10 },
    kmsRequestsPerMonth: 100_000,
    secretsCallsPerMonth: 20_000,
    containerInsightsMetrics: 20,
  },
  test: {
    ...shared,
    app: { peakShare: 0.03 },
    traffic: { requestsPerMonth: 1_000_000, transferOutGb: 20, requestsPerConnection: 10 },
    cdn: { requestsPerMonth: 500_000, transferOutGb: 10 },
    grafana: { editors: 2, viewers: 2 },
    network: { natGb: 50, endpointGb: 20 },
    logs: logs(0.3),
    buckets: {
      "alb-logs": { gbPerDay: 0.02, putsPerDay: 300 },
      "app-pipeline": { gbPerDay: 0.2, putsPerDay: 40 },
      default: { gbPerDay: 0.01, putsPerDay: 100 },
    },
    database: { usedGb: 5, dailyChange: 0.05, monthlyChange: 0.3, ioMillions: 20 },
    cache: { snapshotGb: 0.2 },
    pipeline: { releasesPerMonth: 60, buildMinutes, actionMinutesPerRelease: 25 },
    registry: { storedGb: 5, pushedGbPerMonth: 8 },
    kmsRequestsPerMonth: 300_000,
    secretsCallsPerMonth: 50_000,
    containerInsightsMetrics: 20,
  },
  prod: {
    ...shared,
    // About 35 hours a month at the scaling maximum: launches, campaigns, month-end.
    app: { peakShare: 0.05 },
    traffic: { requestsPerMonth: 60_000_000, transferOutGb: 1_500, requestsPerConnection: 10 },
    // The static front end: page loads and assets, beside the API's traffic above.
    cdn: { requestsPerMonth: 20_000_000, transferOutGb: 400 },
    grafana: { editors: 3, viewers: 5 },
    network: { natGb: 300, endpointGb: 200 },
    logs: logs(1),
    buckets: {
      "alb-logs": { gbPerDay: 1, putsPerDay: 3_000 },
      "audit-logs": { gbPerDay: 0.05, putsPerDay: 2_000 },
      "app-pipeline": { gbPerDay: 0.3, putsPerDay: 40 },
      default: { gbPerDay: 0.01, putsPerDay: 100 },
    },
    database: { usedGb: 60, dailyChange: 0.03, monthlyChange: 0.25, ioMillions: 400 },
    cache: { snapshotGb: 4 },
    pipeline: { releasesPerMonth: 40, buildMinutes, actionMinutesPerRelease: 30 },
    registry: { storedGb: 10, pushedGbPerMonth: 6 },
    kmsRequestsPerMonth: 3_000_000,
    secretsCallsPerMonth: 500_000,
    containerInsightsMetrics: 20,
    guardDuty: { managementEventsMillions: 1, flowAndDnsGb: 20 },
    prometheus: { samplesMillions: 200, storedGb: 5 },
  },
  shared,
};

export class UsageError extends Error {}

/** The validated assumptions for `stack` (its own entry, else `shared`), or an error naming the field. */
export function usageFor(stack: string, usage: Readonly<Record<string, UsageInput>> = USAGE): Usage {
  const name = stack in usage ? stack : "shared";
  const input = usage[name];
  if (!input) throw new UsageError(`tools/cost/usage.ts has no entry for ${stack} and no shared entry`);
  const result = usageSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${name}: usage.${issue.path.join(".")} ${issue.message}`);
    throw new UsageError(`invalid usage assumptions in tools/cost/usage.ts:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}
