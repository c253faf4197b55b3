import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { FailureEvents } from "../../../src/tiers/observability/failure-events";
import { naming, resources, synth } from "../../helpers";

describe("FailureEvents", () => {
  const json = synth((scope) => {
    new FailureEvents(scope, "events", { naming, service: new EcsService(scope, "service", { name: "s", cluster: "c" }), topic: new SnsTopic(scope, "topic") });
  });
  const rules = resources(json, "aws_cloudwatch_event_rule");

  it("catches failed ECS deployments of this service", () => {
    expect(rules[1].event_pattern).toBe(
      '${jsonencode({"source" = ["aws.ecs"], "detail-type" = ["ECS Deployment State Change"], "resources" = [aws_ecs_service.service.id], "detail" = {"eventName" = ["SERVICE_DEPLOYMENT_FAILED"]}})}',
    );
  });

  it("catches tasks that fail to start", () => {
    expect(rules[2].event_pattern).toContain('"stopCode" = ["TaskFailedToStart"]');
  });

  it("catches failed backup and copy jobs, by their state", () => {
    expect(rules[0].event_pattern).toBe(
      '${jsonencode({"source" = ["aws.backup"], "detail-type" = ["Backup Job State Change", "Copy Job State Change"], "detail" = {"state" = ["FAILED", "ABORTED", "EXPIRED"]}})}',
    );
  });

  it("catches failed restore jobs, by their status", () => {
    expect(rules[3].event_pattern).toBe(
      '${jsonencode({"source" = ["aws.backup"], "detail-type" = ["Restore Job State Change"], "detail" = {"status" = ["FAILED", "ABORTED"]}})}',
    );
  });

  it("sends every one to the alarm topic", () => {
    expect(resources(json, "aws_cloudwatch_event_target")).toHaveLength(4);
    expect(json).toHaveResourceWithProperties(CloudwatchEventTarget, { arn: "${aws_sns_topic.topic.arn}" });
  });
});
