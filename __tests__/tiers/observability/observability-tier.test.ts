import { AppTier } from "../../../src/tiers/app/app-tier";
import { DataTier } from "../../../src/tiers/data/data-tier";
import { EdgeTier } from "../../../src/tiers/edge/edge-tier";
import { NetworkTier } from "../../../src/tiers/network/network-tier";
import { ObservabilityTier } from "../../../src/tiers/observability/observability-tier";
import { resources } from "../../helpers";
import { synthTiers } from "../../support/tiers";

describe("ObservabilityTier", () => {
  const json = synthTiers("dev", (scope, context, config) => {
    const network = new NetworkTier(scope, "network", { context, config: config.network });
    const edge = new EdgeTier(scope, "edge", { context, config, network });
    const data = new DataTier(scope, "data", { context, config, network });
    const app = new AppTier(scope, "app", { context, config, network, edge, data });
    const sections = [edge.dashboardSection(), app.dashboardSection(), data.dashboardSection()];
    new ObservabilityTier(scope, "observability", { context, network, edge, app, sections });
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
});
