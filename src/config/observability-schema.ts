import { z } from "zod";
import { between } from "./primitives";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const observabilitySchema = z
  .object({
    alarmEmails: z.array(z.string().regex(EMAIL, "must be email addresses such as oncall@example.com"))
      .describe("addresses that receive every alarm (each confirms its subscription once)"),
    /** Alarms to a Slack channel through AWS Chatbot (the workspace is authorized once in the console). */
    slack: z
      .object({
        workspaceId: z.string().regex(/^T[A-Z0-9]{8,}$/, "must be a Slack workspace id such as T012ABCDEF3"),
        channelId: z.string().regex(/^[CG][A-Z0-9]{8,}$/, "must be a Slack channel id such as C012ABCDEF3"),
      })
      .strict()
      .optional(),
    appErrorPattern: z.string().min(1, "must not be empty").describe("CloudWatch Logs filter pattern that marks an application error in the app's logs"),
    thresholds: z
      .object({
        http5xxRatePercent: between(1, 100).describe("share of requests (%) answered with a 5xx by the app"),
        p99LatencySeconds: between(1, 60).describe("p99 of the app's response time, in seconds"),
        cpuPercent: between(10, 100).describe("the service's average CPU (%) that raises its alarm"),
        memoryPercent: between(10, 100).describe("the service's average memory (%) that raises its alarm"),
        wafBlockedPerMinute: between(1, 1000000).describe("requests per minute WAF blocks above which something is attacking or misconfigured"),
        appErrorsPerMinute: between(1, 1000000).describe("application errors per minute (from the log metric filter)"),
        dbCpuPercent: between(10, 100).describe("the database's CPU (%) that raises its alarm"),
        dbFreeStorageGiB: between(1, 65536).describe("the database's free storage (GiB) below which its alarm fires"),
        dbFreeableMemoryMiB: between(16, 1048576).describe("the database's freeable memory (MiB) below which its alarm fires"),
        dbConnections: between(1, 100000).describe("database connections above which the alarm fires"),
        dbReplicaLagSeconds: between(1, 3600).describe("Aurora replica lag (s) above which the alarm fires"),
        cacheCpuPercent: between(10, 100).describe("the cache's engine CPU (%) that raises its alarm"),
        cacheMemoryPercent: between(10, 100).describe("the cache's memory use (%) that raises its alarm"),
        cacheEvictionsPerMinute: between(1, 1000000).describe("cache evictions per minute above which the alarm fires"),
      })
      .strict()
      .describe("the alarms' thresholds, one per alarm (docs/operations.md)"),
    tracing: z
      .object({
        enabled: z.boolean().describe("the OpenTelemetry collector beside the app, sending traces to X-Ray"),
        prometheus: z.boolean().describe("metrics to a Prometheus workspace too (needs enabled)"),
      })
      .strict()
      .describe("distributed tracing: an AWS Distro for OpenTelemetry collector beside the app sending traces to X-Ray; with `prometheus`, metrics also go to an Amazon Managed Service for Prometheus workspace"),
  })
  .strict();

type Problem = (path: (string | number)[], message: string, input?: unknown) => void;

/** Cross-field rules of observability. */
export function checkObservability(env: { name?: string; observability?: Partial<z.infer<typeof observabilitySchema>> }, problem: Problem): void {
  const o = env.observability;
  if (!o) return;
  if (env.name === "prod" && Array.isArray(o.alarmEmails) && o.alarmEmails.length === 0 && !o.slack) {
    problem(["observability", "alarmEmails"], "must name at least one address in prod (or set observability.slack): an alarm nobody receives is no alarm", o.alarmEmails);
  }
  if (o.tracing && o.tracing.prometheus && !o.tracing.enabled) {
    problem(["observability", "tracing", "prometheus"], "needs observability.tracing.enabled: the collector sends the metrics", true);
  }
}
