import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Dashboard, dashboardBody } from "../../../src/tiers/observability/dashboard";
import { synth } from "../../helpers";

describe("dashboardBody", () => {
  const body: any = dashboardBody("eu-central-1", [
    { type: "text", markdown: "## Edge" },
    {
      type: "graph",
      title: "Latency",
      metrics: [{ namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", dimensions: { LoadBalancer: "app/x/1" }, stat: "p99" }],
    },
    { type: "graph", title: "B", metrics: [], width: 16 },
    { type: "graph", title: "C", metrics: [] },
    { type: "alarms", title: "Alarms", alarmArns: ["arn:a"] },
  ]);

  it("renders metrics in CloudWatch's array form", () => {
    expect(body.widgets[1].properties.metrics).toEqual([["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", "app/x/1", { stat: "p99" }]]);
  });

  it("lays widgets out left to right in 24 columns", () => {
    expect(body.widgets.map((w: any) => [w.x, w.y, w.width])).toEqual([
      [0, 0, 24],
      [0, 1, 8],
      [8, 1, 16],
      [0, 7, 8],
      [0, 13, 24],
    ]);
  });

  it("shows alarm status", () => {
    expect(body.widgets[4]).toMatchObject({ type: "alarm", properties: { alarms: ["arn:a"] } });
  });
});

describe("Dashboard", () => {
  it("writes the body with jsonencode, so references resolve", () => {
    const json = synth((scope) => {
      new Dashboard(scope, "d", { name: "notes-dev-platform", region: "eu-central-1", widgets: [{ type: "text", markdown: "x" }] });
    });
    expect(json).toHaveResourceWithProperties(CloudwatchDashboard, {
      dashboard_name: "notes-dev-platform",
      dashboard_body: expect.stringMatching(/^\$\{jsonencode\(/),
    });
  });
});
