import { z } from "zod";
import { between } from "./primitives";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const observabilitySchema = z
  .object({
    /** Addresses that receive every alarm (each confirms its subscription once). */
    alarmEmails: z.array(z.string().regex(EMAIL, "must be email addresses such as oncall@example.com")),
    /** Alarms to a Slack channel through AWS Chatbot (the workspace is authorized once in the console). */
    slack: z
      .object({
        workspaceId: z.string().regex(/^T[A-Z0-9]{8,}$/, "must be a Slack workspace id such as T012ABCDEF3"),
        channelId: z.string().regex(/^[CG][A-Z0-9]{8,}$/, "must be a Slack channel id such as C012ABCDEF3"),
      })
      .strict()
      .optional(),
    /** CloudWatch Logs filter pattern that marks an application error in the app's logs. */
    appErrorPattern: z.string().min(1, "must not be empty"),
    thresholds: z
      .object({
        /** Share of requests (%) answered with a 5xx by the app. */
        http5xxRatePercent: between(1, 100),
        /** p99 of the app's response time, in seconds. */
        p99LatencySeconds: between(1, 60),
        /** Service average CPU and memory (%). */
        cpuPercent: between(10, 100),
        memoryPercent: between(10, 100),
        /** Requests per minute WAF blocks above which something is attacking or misconfigured. */
        wafBlockedPerMinute: between(1, 1000000),
        /** Application errors per minute (from the log metric filter). */
        appErrorsPerMinute: between(1, 1000000),
        /** Database: CPU (%), free storage (GiB), freeable memory (MiB), connections, Aurora replica lag (s). */
        dbCpuPercent: between(10, 100),
        dbFreeStorageGiB: between(1, 65536),
        dbFreeableMemoryMiB: between(16, 1048576),
        dbConnections: between(1, 100000),
        dbReplicaLagSeconds: between(1, 3600),
        /** Redis: engine CPU (%), memory use (%), evictions per minute. */
        cacheCpuPercent: between(10, 100),
        cacheMemoryPercent: between(10, 100),
        cacheEvictionsPerMinute: between(1, 1000000),
      })
      .strict(),
    /**
     * Distributed tracing: an AWS Distro for OpenTelemetry collector beside the app sending traces
     * to X-Ray; with `prometheus`, metrics also go to an Amazon Managed Service for Prometheus workspace.
     */
    tracing: z.object({ enabled: z.boolean(), prometheus: z.boolean() }).strict(),
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
