import { problemsWith } from "../helpers";

describe("observability schema", () => {
  it("rejects a malformed alarm address", () => {
    expect(problemsWith("dev", (e) => (e.observability.alarmEmails = ["oncall-at-example.com"]))).toEqual([
      'dev: observability.alarmEmails.0 must be email addresses such as oncall@example.com, got "oncall-at-example.com"',
    ]);
  });

  it.each(["dev", "test", "prod"] as const)("requires someone to receive %s's alarms", (name) => {
    expect(problemsWith(name, (e) => (e.observability.alarmEmails = []))).toEqual([
      `${name}: observability.alarmEmails must name at least one address (or set observability.slack): an alarm nobody receives is no alarm, got []`,
    ]);
  });

  it("refuses a JSON pattern as the plain-text error pattern", () => {
    expect(problemsWith("dev", (e) => (e.observability.appErrorPattern = '{ $.level = "error" }'))).toEqual([
      'dev: observability.appErrorPattern must be a plain-text pattern: JSON log lines are matched by observability.appErrorJsonPattern, got "{ $.level = "error" }"',
    ]);
  });

  it("refuses a plain-text pattern as the JSON error pattern", () => {
    expect(problemsWith("dev", (e) => (e.observability.appErrorJsonPattern = "ERROR"))).toEqual([
      'dev: observability.appErrorJsonPattern must be a JSON filter pattern in braces such as { $.level = "error" }, got "ERROR"',
    ]);
  });

  it("accepts a Slack channel instead of email in prod", () => {
    expect(
      problemsWith("prod", (e) => ((e.observability.alarmEmails = []), (e.observability.slack = { workspaceId: "T012ABCDEF3", channelId: "C012ABCDEF3" }))),
    ).toEqual([]);
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
    expect(problemsWith("dev", (e) => (e.observability.thresholds.cpuPercent = 150))).toEqual([
      "dev: observability.thresholds.cpuPercent must be between 10 and 100, got 150",
    ]);
  });
});
