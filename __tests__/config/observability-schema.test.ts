import { problemsWith } from "../helpers";

describe("observability schema", () => {
  it("rejects a malformed alarm address", () => {
    expect(problemsWith("dev", (e) => (e.observability.alarmEmails = ["oncall-at-example.com"]))).toEqual([
      'dev: observability.alarmEmails.0 must be email addresses such as oncall@example.com, got "oncall-at-example.com"',
    ]);
  });

  it("requires someone to receive prod's alarms", () => {
    expect(problemsWith("prod", (e) => (e.observability.alarmEmails = []))).toEqual([
      "prod: observability.alarmEmails must name at least one address in prod (or set observability.slack): an alarm nobody receives is no alarm, got []",
    ]);
  });

  it("accepts a Slack channel instead of email in prod", () => {
    expect(problemsWith("prod", (e) => ((e.observability.alarmEmails = []), (e.observability.slack = { workspaceId: "T012ABCDEF3", channelId: "C012ABCDEF3" })))).toEqual([]);
  });

  it("rejects a malformed Slack channel", () => {
    expect(problemsWith("dev", (e) => (e.observability.slack = { workspaceId: "T012ABCDEF3", channelId: "#alerts" }))).toEqual([
      'dev: observability.slack.channelId must be a Slack channel id such as C012ABCDEF3, got "#alerts"',
    ]);
  });

  it("needs tracing on for Prometheus metrics", () => {
    expect(problemsWith("dev", (e) => (e.observability.tracing = { enabled: false, prometheus: true }))).toEqual([
      "dev: observability.tracing.prometheus needs observability.tracing.enabled: the collector sends the metrics, got true",
    ]);
  });

  it("rejects an impossible threshold", () => {
    expect(problemsWith("dev", (e) => (e.observability.thresholds.cpuPercent = 150))).toEqual(["dev: observability.thresholds.cpuPercent must be between 10 and 100, got 150"]);
  });
});
