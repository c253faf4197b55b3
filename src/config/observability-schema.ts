import { z } from "zod";
import { between } from "./primitives";

/** Sign-in of an Amazon Managed Grafana workspace (authentication_providers). */
export const GRAFANA_AUTHENTICATION = ["AWS_SSO", "SAML"] as const;
/** The data sources the platform grants a Grafana workspace (data_sources). */
export const GRAFANA_DATA_SOURCES = ["CLOUDWATCH", "XRAY", "PROMETHEUS"] as const;

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
    /**
     * An Amazon Managed Grafana workspace over the environment's metrics, traces and (with
     * tracing.prometheus) Prometheus metrics. Access: docs/operations.md, "Grafana".
     */
    grafana: z
      .object({
        enabled: z.boolean(),
        /** Who signs in: AWS_SSO (IAM Identity Center, enabled in the account or organization) and/or SAML (`saml`). */
        authentication: z
          .array(z.enum(GRAFANA_AUTHENTICATION, `must be one of ${GRAFANA_AUTHENTICATION.join(", ")}`))
          .min(1, "must name AWS_SSO, SAML or both")
          .refine((list) => new Set(list).size === list.length, "must not repeat a provider"),
        /** The data sources the workspace's role may read; nothing else is granted. */
        dataSources: z
          .array(z.enum(GRAFANA_DATA_SOURCES, `must be one of ${GRAFANA_DATA_SOURCES.join(", ")}`))
          .min(1, "must name at least one data source")
          .refine((list) => new Set(list).size === list.length, "must not repeat a data source"),
        /**
         * The identity provider, for SAML: its metadata URL and the values of its `role` assertion
         * that make a user an admin or an editor (everyone else is a viewer).
         * @default none (needed with SAML)
         */
        saml: z
          .object({
            idpMetadataUrl: z.string().regex(/^https:\/\/[^\s]+$/, "must be an https:// URL"),
            adminRoleValues: z.array(z.string().min(1, "must not be empty")).min(1, "must name at least one role value"),
            editorRoleValues: z.array(z.string().min(1, "must not be empty")).min(1, "must name at least one role value"),
          })
          .strict()
          .optional(),
      })
      .strict(),
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
  const grafana = o.grafana;
  if (grafana?.enabled) {
    if (grafana.dataSources.includes("PROMETHEUS") && !o.tracing?.prometheus) {
      problem(["observability", "grafana", "dataSources"], "names PROMETHEUS, which needs observability.tracing.prometheus (the workspace it reads)", grafana.dataSources);
    }
    if (grafana.authentication.includes("SAML") && !grafana.saml) {
      problem(["observability", "grafana", "saml"], "must be set when observability.grafana.authentication names SAML: the identity provider's metadata URL and role values");
    }
  }
  if (grafana?.saml && !grafana.authentication.includes("SAML")) {
    problem(["observability", "grafana", "saml"], "is only read with SAML in observability.grafana.authentication; add SAML or remove it", grafana.saml);
  }
}
