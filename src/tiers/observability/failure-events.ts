import { Construct } from "constructs";
import { Fn } from "cdktf";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Naming } from "../../naming";

export interface FailureEventsProps {
  readonly naming: Naming;
  readonly service: EcsService;
  /** Where the events go: the environment's alarm topic. */
  readonly topic: SnsTopic;
}

/**
 * EventBridge rules that turn failures no metric shows into messages on the alarm topic: a failed
 * (rolled back) ECS deployment, tasks stopped because they could not start, and failed AWS Backup
 * backup, copy and restore jobs.
 */
export class FailureEvents extends Construct {
  public readonly rules: CloudwatchEventRule[];

  constructor(scope: Construct, id: string, props: FailureEventsProps) {
    super(scope, id);
    const rule = (id: string, description: string, pattern: Record<string, unknown>) => {
      const created = new CloudwatchEventRule(this, id, {
        name: props.naming.name("eventRule", id),
        description,
        eventPattern: Fn.jsonencode(pattern),
      });
      new CloudwatchEventTarget(this, `${id}-target`, { rule: created.name, arn: props.topic.arn });
      return created;
    };
    this.rules = [
      rule("ecs-deployment-failed", "An ECS deployment of the app failed and was rolled back", {
        source: ["aws.ecs"],
        "detail-type": ["ECS Deployment State Change"],
        resources: [props.service.id],
        detail: { eventName: ["SERVICE_DEPLOYMENT_FAILED"] },
      }),
      rule("ecs-task-start-failed", "Tasks of the app stopped before they ever ran (image, secret or capacity problems)", {
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        detail: { clusterArn: [props.service.cluster], lastStatus: ["STOPPED"], stopCode: ["TaskFailedToStart"] },
      }),
      rule("backup-job-failed", "An AWS Backup backup or copy job failed: the recovery points may not exist", {
        source: ["aws.backup"],
        "detail-type": ["Backup Job State Change", "Copy Job State Change"],
        detail: { state: ["FAILED", "ABORTED", "EXPIRED"] },
      }),
      // Restore jobs report `status`, not `state` (as in their API).
      rule("restore-job-failed", "An AWS Backup restore job failed", {
        source: ["aws.backup"],
        "detail-type": ["Restore Job State Change"],
        detail: { status: ["FAILED", "ABORTED"] },
      }),
    ];
  }
}
