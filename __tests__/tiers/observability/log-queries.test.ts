import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LogQueries } from "../../../src/tiers/observability/log-queries";
import { naming, resources, synth } from "../../helpers";

describe("LogQueries", () => {
  const json = synth((scope) => {
    const group = (id: string) => new CloudwatchLogGroup(scope, id, {});
    new LogQueries(scope, "queries", { naming, appLogs: group("app"), wafLogs: group("waf"), flowLogs: group("flow") });
  });
  const order = ["Recent app errors", "Slowest requests", "WAF blocks by rule and client", "Rejected flows"];
  const queries = resources(json, "aws_cloudwatch_query_definition").sort((a, b) => order.indexOf(a.name.split("/")[2]) - order.indexOf(b.name.split("/")[2]));

  it("saves the four queries on-call asks first, in the environment's folder", () => {
    expect(queries.map((q) => q.name)).toEqual([
      "notes/dev/Recent app errors",
      "notes/dev/Slowest requests",
      "notes/dev/WAF blocks by rule and client",
      "notes/dev/Rejected flows",
    ]);
  });

  it("runs each on its own log group", () => {
    expect(queries.map((q) => q.log_group_names[0])).toEqual([
      "${aws_cloudwatch_log_group.app.name}",
      "${aws_cloudwatch_log_group.app.name}",
      "${aws_cloudwatch_log_group.waf.name}",
      "${aws_cloudwatch_log_group.flow.name}",
    ]);
  });

  it("groups WAF blocks by rule and client", () => {
    expect(queries[2].query_string).toContain("stats count(*) as blocked by terminatingRuleId, httpRequest.clientIp");
  });
});
