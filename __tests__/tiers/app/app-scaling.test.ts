import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Op } from "cdktf";
import { AppScaling } from "../../../src/tiers/app/app-scaling";
import { naming, resources, synth } from "../../helpers";

const build = (schedule = true, withRelease = false) =>
  synth((scope) => {
    const tag = new SsmParameter(scope, "image-tag", { name: "t", type: "String", insecureValue: "initial" });
    new AppScaling(scope, "scaling", {
      released: withRelease ? Op.neq(tag.insecureValue, "initial") : undefined,
      naming,
      cluster: new EcsCluster(scope, "cluster", { name: "c" }),
      service: new EcsService(scope, "service", { name: "s" }),
      minTasks: 3,
      maxTasks: 12,
      cpuTarget: 60,
      memoryTarget: 75,
      requestsPerTarget: 1000,
      loadBalancer: new Lb(scope, "lb", {}),
      targetGroups: [new LbTargetGroup(scope, "tg", {}), new LbTargetGroup(scope, "green", {})],
      schedule: schedule ? { timezone: "Europe/Berlin", days: "MON-FRI", start: "07:00", end: "20:30", minTasks: 6 } : undefined,
    });
  });

describe("AppScaling", () => {
  const json = build();

  it("scales the service between min and max", () => {
    expect(json).toHaveResourceWithProperties(AppautoscalingTarget, {
      min_capacity: 3,
      max_capacity: 12,
      scalable_dimension: "ecs:service:DesiredCount",
      resource_id: "service/${aws_ecs_cluster.cluster.name}/${aws_ecs_service.service.name}",
    });
  });

  it("tracks CPU and memory", () => {
    const tracked = resources(json, "aws_appautoscaling_policy").map((p) => p.target_tracking_scaling_policy_configuration);
    expect(
      tracked.filter((t) => t.predefined_metric_specification).map((t) => [t.predefined_metric_specification.predefined_metric_type, t.target_value]),
    ).toEqual([
      ["ECSServiceAverageCPUUtilization", 60],
      ["ECSServiceAverageMemoryUtilization", 75],
    ]);
  });

  it("tracks requests per task across both target groups", () => {
    const requests = resources(json, "aws_appautoscaling_policy").find((p) => p.name.endsWith("-requests")).target_tracking_scaling_policy_configuration;
    expect(requests.target_value).toBe(1000);
    const metrics = requests.customized_metric_specification.metrics;
    expect(metrics.map((m: any) => m.metric_stat?.metric.dimensions[1].value ?? m.expression)).toEqual([
      "${aws_lb_target_group.tg.arn_suffix}",
      "${aws_lb_target_group.green.arn_suffix}",
      "FILL(tg0, 0) + FILL(tg1, 0)",
    ]);
  });

  it("leaves the floor to the schedule between applies", () => {
    expect(json).toHaveResourceWithProperties(AppautoscalingTarget, { lifecycle: { ignore_changes: ["min_capacity", "max_capacity"] } });
    expect(resources(build(false), "aws_appautoscaling_target")[0].lifecycle).toBeUndefined();
  });

  it("raises the floor for business hours in the configured timezone", () => {
    expect(json).toHaveResourceWithProperties(AppautoscalingScheduledAction, {
      schedule: "cron(0 7 ? * MON-FRI *)",
      timezone: "Europe/Berlin",
      scalable_target_action: { min_capacity: "6", max_capacity: "12" },
    });
  });

  it("returns to the minimum after hours", () => {
    expect(json).toHaveResourceWithProperties(AppautoscalingScheduledAction, {
      schedule: "cron(30 20 ? * MON-FRI *)",
      scalable_target_action: { min_capacity: "3", max_capacity: "12" },
    });
  });

  describe("waiting for the first release", () => {
    const waiting = build(true, true);
    const [target] = resources(waiting, "aws_appautoscaling_target");
    const released = '(aws_ssm_parameter.image-tag.insecure_value != "initial")';

    it("holds the service at 0 tasks until released, at min and max after", () => {
      expect([target.min_capacity, target.max_capacity]).toEqual([`\${${released} ? 3 : 0}`, `\${${released} ? 12 : 0}`]);
    });

    it("suspends scaling, the schedule's too, until released", () => {
      expect(target.suspended_state).toEqual({
        dynamic_scaling_in_suspended: `\${!${released}}`,
        dynamic_scaling_out_suspended: `\${!${released}}`,
        scheduled_scaling_suspended: `\${!${released}}`,
      });
    });

    it("suspends nothing without a release to wait for", () => {
      expect(resources(json, "aws_appautoscaling_target")[0].suspended_state).toBeUndefined();
    });
  });

  it("has no schedule unless configured", () => {
    expect(resources(build(false), "aws_appautoscaling_scheduled_action")).toEqual([]);
  });
});
