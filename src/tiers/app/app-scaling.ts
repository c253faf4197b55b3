import { Construct } from "constructs";
import { IResolvable, Op } from "cdktf";
import { AppautoscalingPolicy, AppautoscalingPolicyTargetTrackingScalingPolicyConfiguration } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Naming } from "../../naming";
import { onceReleased } from "./app-service";

export interface AppScalingProps {
  readonly naming: Naming;
  readonly cluster: EcsCluster;
  readonly service: EcsService;
  readonly minTasks: number;
  readonly maxTasks: number;
  /** Average CPU utilization (%) to hold. */
  readonly cpuTarget: number;
  /** Average memory utilization (%) to hold. */
  readonly memoryTarget: number;
  /** ALB requests per task per minute to hold. */
  readonly requestsPerTarget: number;
  readonly loadBalancer: Lb;
  /** The service's target groups: blue/green moves the traffic between them. */
  readonly targetGroups: LbTargetGroup[];
  /**
   * A higher floor during business hours, so the morning peak does not wait for scale-out.
   * @default no schedule
   */
  readonly schedule?: { readonly timezone: string; readonly days: string; readonly start: string; readonly end: string; readonly minTasks: number };
  /**
   * Seconds after a scale-in before the next one: scale in slowly, out fast.
   * @default 300
   */
  readonly scaleInCooldownSeconds?: number;
  /**
   * Whether the first release has happened (`AppService.released`). Before it the target holds the
   * service at 0 tasks (min and max 0, scaling suspended, so no schedule raises it); the pipeline's
   * first release registers `minTasks`-`maxTasks` and resumes scaling, the values this plans after it.
   * @default released from the start
   */
  readonly released?: IResolvable;
}

/** Task-count autoscaling: target tracking on CPU, memory and requests, plus business-hours floors. */
export class AppScaling extends Construct {
  public readonly target: AppautoscalingTarget;
  /** The floor once released: what the pipeline's first release registers, with `maxTasks`. */
  public readonly minTasks: number;
  public readonly maxTasks: number;

  constructor(scope: Construct, id: string, props: AppScalingProps) {
    super(scope, id);
    this.minTasks = props.minTasks;
    this.maxTasks = props.maxTasks;
    const released = props.released;
    const count = (n: number) => (released ? onceReleased(released, n) : n);
    this.target = new AppautoscalingTarget(this, "target", {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${props.cluster.name}/${props.service.name}`,
      minCapacity: count(props.minTasks),
      maxCapacity: count(props.maxTasks),
      // RegisterScalableTarget moves the service into [min, max] at once; a scheduled action would
      // set both again, so scaling waits for the release too.
      suspendedState: released
        ? { dynamicScalingInSuspended: Op.not(released), dynamicScalingOutSuspended: Op.not(released), scheduledScalingSuspended: Op.not(released) }
        : undefined,
      // The business-hours schedule moves the floor: an apply in the day must not move it back.
      lifecycle: props.schedule ? { ignoreChanges: ["min_capacity", "max_capacity"] } : undefined,
    });
    const policy = (id: string, targetTracking: AppautoscalingPolicyTargetTrackingScalingPolicyConfiguration) =>
      new AppautoscalingPolicy(this, id, {
        name: props.naming.name("scalingName", "app", id),
        policyType: "TargetTrackingScaling",
        serviceNamespace: this.target.serviceNamespace,
        scalableDimension: this.target.scalableDimension,
        resourceId: this.target.resourceId,
        targetTrackingScalingPolicyConfiguration: { scaleInCooldown: props.scaleInCooldownSeconds ?? 300, scaleOutCooldown: 60, ...targetTracking },
      });
    const track = (id: string, metric: string, target: number) =>
      policy(id, { targetValue: target, predefinedMetricSpecification: { predefinedMetricType: metric } });
    track("cpu", "ECSServiceAverageCPUUtilization", props.cpuTarget);
    track("memory", "ECSServiceAverageMemoryUtilization", props.memoryTarget);
    // Requests per task across the target groups: ALB's predefined metric names one target group,
    // and with blue/green the traffic moves to the other after the first deployment.
    policy("requests", {
      targetValue: props.requestsPerTarget,
      customizedMetricSpecification: {
        metrics: [
          ...props.targetGroups.map((tg, i) => ({
            id: `tg${i}`,
            returnData: false,
            metricStat: {
              stat: "Sum",
              metric: {
                namespace: "AWS/ApplicationELB",
                metricName: "RequestCountPerTarget",
                dimensions: [
                  { name: "LoadBalancer", value: props.loadBalancer.arnSuffix },
                  { name: "TargetGroup", value: tg.arnSuffix },
                ],
              },
            },
          })),
          { id: "requests", expression: props.targetGroups.map((_, i) => `FILL(tg${i}, 0)`).join(" + "), label: "Requests per task", returnData: true },
        ],
      },
    });

    if (props.schedule) {
      const cron = (time: string) => {
        const [hour, minute] = time.split(":").map(Number);
        return `cron(${minute} ${hour} ? * ${props.schedule?.days} *)`;
      };
      const action = (id: string, time: string, minTasks: number, after?: AppautoscalingScheduledAction) =>
        new AppautoscalingScheduledAction(this, id, {
          name: props.naming.name("scalingName", "app", id),
          serviceNamespace: this.target.serviceNamespace,
          scalableDimension: this.target.scalableDimension,
          resourceId: this.target.resourceId,
          schedule: cron(time),
          timezone: props.schedule?.timezone,
          scalableTargetAction: { minCapacity: String(minTasks), maxCapacity: String(props.maxTasks) },
          // Application Auto Scaling rejects concurrent changes to one target: one at a time.
          dependsOn: after ? [after] : [],
        });
      const start = action("business-hours-start", props.schedule.start, props.schedule.minTasks);
      action("business-hours-end", props.schedule.end, props.minTasks, start);
    }
  }
}
