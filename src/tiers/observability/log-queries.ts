import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import { Naming } from "../../naming";

export interface LogQueriesProps {
  readonly naming: Naming;
  readonly appLogs: CloudwatchLogGroup;
  readonly wafLogs: CloudwatchLogGroup;
  readonly flowLogs: CloudwatchLogGroup;
}

/** Saved Logs Insights queries for what on-call asks first, in a folder per environment. */
export class LogQueries extends Construct {
  public readonly queries: CloudwatchQueryDefinition[];

  constructor(scope: Construct, id: string, props: LogQueriesProps) {
    super(scope, id);
    const folder = props.naming.path();
    const query = (id: string, title: string, groups: CloudwatchLogGroup[], lines: string[]) =>
      new CloudwatchQueryDefinition(this, id, { name: `${folder}/${title}`, logGroupNames: groups.map((g) => g.name), queryString: lines.join(" | ") });
    this.queries = [
      query(
        "app-errors",
        "Recent app errors",
        [props.appLogs],
        ["fields @timestamp, @message, @logStream", "filter @message like /(?i)(error|exception)/", "sort @timestamp desc", "limit 200"],
      ),
      query(
        "slowest-requests",
        "Slowest requests",
        [props.appLogs],
        ["fields @timestamp, method, path, status, duration_ms", "filter ispresent(duration_ms)", "sort duration_ms desc", "limit 50"],
      ),
      query(
        "waf-blocks",
        "WAF blocks by rule and client",
        [props.wafLogs],
        [
          "filter action = 'BLOCK'",
          "stats count(*) as blocked by terminatingRuleId, httpRequest.clientIp, httpRequest.country",
          "sort blocked desc",
          "limit 50",
        ],
      ),
      query(
        "rejected-flows",
        "Rejected flows",
        [props.flowLogs],
        ["filter action = 'REJECT'", "stats count(*) as rejected by srcAddr, dstAddr, dstPort, protocol", "sort rejected desc", "limit 50"],
      ),
    ];
  }
}
