import { AppTier } from "../../../src/tiers/app/app-tier";
import { DataTier } from "../../../src/tiers/data/data-tier";
import { EdgeTier } from "../../../src/tiers/edge/edge-tier";
import { NetworkTier } from "../../../src/tiers/network/network-tier";
import { DATA_SOURCE_POLICIES } from "../../../src/tiers/observability/grafana-workspace";
import { ObservabilityTier } from "../../../src/tiers/observability/observability-tier";
import { parsed, resources } from "../../helpers";
import { synthTiers } from "../../support/tiers";

describe("ObservabilityTier", () => {
  const json = synthTiers("dev", (scope, context, config) => {
    const network = new NetworkTier(scope, "network", { context, config: config.network });
    const edge = new EdgeTier(scope, "edge", { context, config, network });
    const data = new DataTier(scope, "data", { context, config, network });
    const app = new AppTier(scope, "app", { context, config, network, edge, data });
    const sections = [edge.dashboardSection(), app.dashboardSection(), data.dashboardSection()];
    new ObservabilityTier(scope, "observability", { context, network, edge, app, sections, grafana: config.observability.grafana });
  });
  const body = resources(json, "aws_cloudwatch_dashboard")[0].dashboard_body as string;

  it("heads each tier's section on the dashboard, in the order given", () => {
    const headings = [...body.matchAll(/"markdown" = "## ([^"]+)"/g)].map((m) => m[1]);
    expect(headings).toEqual(["notes dev: edge", "Service", "Database and Redis"]);
  });

  it("shows every tier's alarms in one alarm widget", () => {
    const widget = body.slice(body.indexOf('"title" = "Alarms"'));
    const shown = (widget.match(/aws_cloudwatch_(metric|composite)_alarm\./g) ?? []).length;
    expect(shown).toBe(resources(json, "aws_cloudwatch_metric_alarm").length + resources(json, "aws_cloudwatch_composite_alarm").length - 2);
  });

  it("sends failure events to the alarm topic", () => {
    for (const target of resources(json, "aws_cloudwatch_event_target")) expect(target.arn).toMatch(/^\$\{aws_sns_topic\.alarms_topic_/);
  });

  it("saves the log queries of the app, WAF and flow logs", () => {
    expect(resources(json, "aws_cloudwatch_query_definition")).toHaveLength(4);
  });

  it("has no Grafana where observability.grafana.enabled is off (dev)", () => {
    expect(resources(json, "aws_grafana_workspace")).toHaveLength(0);
  });
});

describe("ObservabilityTier Grafana", () => {
  const prod = synthTiers("prod", (scope, context, config) => {
    const network = new NetworkTier(scope, "network", { context, config: config.network });
    const edge = new EdgeTier(scope, "edge", { context, config, network });
    const data = new DataTier(scope, "data", { context, config, network });
    const app = new AppTier(scope, "app", { context, config, network, edge, data });
    new ObservabilityTier(scope, "observability", { context, network, edge, app, sections: [], grafana: config.observability.grafana });
  });
  const [workspace] = resources(prod, "aws_grafana_workspace");
  const role = (json: string) => resources(json, "aws_iam_role").find((r) => r.name === "notes-prod-grafana");

  it("reads CloudWatch, X-Ray and the environment's Prometheus workspace in prod", () => {
    expect(workspace.data_sources).toEqual(["CLOUDWATCH", "XRAY", "PROMETHEUS"]);
    expect(workspace).toMatchObject({ account_access_type: "CURRENT_ACCOUNT", permission_type: "CUSTOMER_MANAGED" });
  });

  it("signs people in through IAM Identity Center, as configured", () => {
    expect(workspace.authentication_providers).toEqual(["AWS_SSO"]);
    expect(resources(prod, "aws_grafana_workspace_saml_configuration")).toHaveLength(0);
  });

  it("gives its role only the data sources' read-only policies", () => {
    expect(role(prod)).toBeDefined();
    expect(
      resources(prod, "aws_iam_role_policy_attachment")
        .filter((a) => /grafana/.test(a.role))
        .map((a) => a.policy_arn),
    ).toEqual([DATA_SOURCE_POLICIES.CLOUDWATCH, DATA_SOURCE_POLICIES.XRAY]);
  });

  it("lets its role query the app tier's Prometheus workspace only", () => {
    const statements = Object.values<any>(parsed(prod).data.aws_iam_policy_document).flatMap((d) => d.statement);
    const query = statements.find((s) => s.sid === "QueryWorkspace");
    expect(query.resources).toEqual([expect.stringMatching(/^\$\{aws_prometheus_workspace\.app_prometheus_[^.]+\.arn\}$/)]);
    expect(query.actions.every((a: string) => a.startsWith("aps:"))).toBe(true);
  });
});
