import { z } from "zod";
import { between } from "./primitives";

/** Sign-in of an Amazon Managed Grafana workspace (authentication_providers). */
export const GRAFANA_AUTHENTICATION = ["AWS_SSO", "SAML"] as const;
/** The data sources the platform grants a Grafana workspace (data_sources). */
export const GRAFANA_DATA_SOURCES = ["CLOUDWATCH", "XRAY", "PROMETHEUS"] as const;

/** An email address, as SNS email subscriptions take it. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const observabilitySchema = z
  .object({
    alarmEmails: z
      .array(z.string().regex(EMAIL, "must be email addresses such as oncall@example.com"))
      .describe("addresses that receive every alarm (each confirms its subscription once)"),
    /** Alarms to a Slack channel through AWS Chatbot (the workspace is authorized once in the console). */
    slack: z
      .object({
        workspaceId: z.string().regex(/^T[A-Z0-9]{8,}$/, "must be a Slack workspace id such as T012ABCDEF3"),
        channelId: z.string().regex(/^[CG][A-Z0-9]{8,}$/, "must be a Slack channel id such as C012ABCDEF3"),
      })
      .strict()
      .optional(),
    appErrorPattern: z
      .string()
      .min(1, "must not be empty")
      .regex(/^(?!\s*\{)/, "must be a plain-text pattern: JSON log lines are matched by observability.appErrorJsonPattern")
      .describe(
        "CloudWatch Logs filter pattern that marks an application error in the app's plain-text log lines (terms are case-sensitive: use a %regex% to match error, Error and ERROR)",
      ),
    appErrorJsonPattern: z
      .string()
      .regex(/^\{.*\}$/s, 'must be a JSON filter pattern in braces such as { $.level = "error" }')
      .describe(
        "CloudWatch Logs JSON filter pattern that marks an application error in the app's JSON log lines; counted into the same metric as appErrorPattern",
      ),
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
        frontend5xxRatePercent: between(1, 100).describe("share of the front end's requests (%) CloudFront answers with a 5xx"),
        frontendOriginLatencyMs: between(100, 60000).describe("p90 of the front end's origin latency at CloudFront, in milliseconds"),
      })
      .strict()
      .describe("the alarms' thresholds, one per alarm (docs/operations.md)"),
    tracing: z
      .object({
        enabled: z.boolean().describe("the OpenTelemetry collector beside the app, sending traces to X-Ray"),
        prometheus: z.boolean().describe("metrics to a Prometheus workspace too (needs enabled)"),
      })
      .strict()
      .describe(
        "distributed tracing: an AWS Distro for OpenTelemetry collector beside the app sending traces to X-Ray; with `prometheus`, metrics also go to an Amazon Managed Service for Prometheus workspace",
      ),
    /**
     * An Amazon Managed Grafana workspace over the environment's metrics, traces and (with
     * tracing.prometheus) Prometheus metrics. Access: docs/operations.md, "Grafana".
     */
    grafana: z
      .object({
        enabled: z.boolean().describe("an Amazon Managed Grafana workspace for the environment"),
        /** Who signs in: AWS_SSO (IAM Identity Center, enabled in the account or organization) and/or SAML (`saml`). */
        authentication: z
          .array(z.enum(GRAFANA_AUTHENTICATION, `must be one of ${GRAFANA_AUTHENTICATION.join(", ")}`))
          .min(1, "must name AWS_SSO, SAML or both")
          .refine((list) => new Set(list).size === list.length, "must not repeat a provider")
          .describe("who signs in: AWS_SSO and/or SAML"),
        /** The data sources the workspace's role may read; nothing else is granted. */
        dataSources: z
          .array(z.enum(GRAFANA_DATA_SOURCES, `must be one of ${GRAFANA_DATA_SOURCES.join(", ")}`))
          .min(1, "must name at least one data source")
          .refine((list) => new Set(list).size === list.length, "must not repeat a data source")
          .describe("the data sources the workspace's role may read: CLOUDWATCH, XRAY, PROMETHEUS"),
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
      .strict()
      .describe("an Amazon Managed Grafana workspace: { enabled, authentication, dataSources, saml }"),
  })
  .strict();

type Problem = (path: (string | number)[], message: string, input?: unknown) => void;

/** Cross-field rules of observability. */
export function checkObservability(env: { name?: string; observability?: Partial<z.infer<typeof observabilitySchema>> }, problem: Problem): void {
  const o = env.observability;
  if (!o) return;
  if (Array.isArray(o.alarmEmails) && o.alarmEmails.length === 0 && !o.slack) {
    problem(
      ["observability", "alarmEmails"],
      "must name at least one address (or set observability.slack): an alarm nobody receives is no alarm",
      o.alarmEmails,
    );
  }
  if (o.tracing && o.tracing.prometheus && !o.tracing.enabled) {
    problem(["observability", "tracing", "prometheus"], "needs observability.tracing.enabled: the collector sends the metrics", true);
  }
  const grafana = o.grafana;
  if (grafana?.enabled) {
    if (grafana.dataSources.includes("PROMETHEUS") && !o.tracing?.prometheus) {
      problem(
        ["observability", "grafana", "dataSources"],
        "names PROMETHEUS, which needs observability.tracing.prometheus (the workspace it reads)",
        grafana.dataSources,
      );
    }
    if (grafana.authentication.includes("SAML") && !grafana.saml) {
      problem(
        ["observability", "grafana", "saml"],
        "must be set when observability.grafana.authentication names SAML: the identity provider's metadata URL and role values",
      );
    }
  }
  if (grafana?.saml && !grafana.authentication.includes("SAML")) {
    problem(["observability", "grafana", "saml"], "is only read with SAML in observability.grafana.authentication; add SAML or remove it", grafana.saml);
  }
}
