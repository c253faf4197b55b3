import { EcsServiceDeploymentConfiguration } from "@cdktf/provider-aws/lib/ecs-service";
import { AppConfig } from "../../config/app-schema";

/** The validated settings a deployment configuration is made of. */
export type DeploymentSettings = Pick<AppConfig, "deploymentStrategy" | "bakeTimeMinutes" | "canary" | "linear" | "testHook">;

/**
 * The aws_ecs_service `deployment_configuration` for the app's release strategy: ECS-native
 * BLUE_GREEN, CANARY or LINEAR through the listener rule (bake time, canary or linear steps, the
 * test hook with the role ECS invokes it with), or ROLLING. Every bake time is a string: the
 * provider types them as nullable integers.
 */
export function deploymentConfiguration(settings: DeploymentSettings, hookRoleArn?: string): EcsServiceDeploymentConfiguration {
  const strategy = settings.deploymentStrategy;
  if (strategy === "ROLLING") return { strategy };
  if (settings.testHook && !hookRoleArn) {
    throw new Error("deploymentConfiguration: app.testHook needs the role ECS invokes it with (DeploymentHookRole)");
  }
  const lifecycleHook =
    settings.testHook && hookRoleArn
      ? [{ hookTargetArn: settings.testHook.lambdaArn, lifecycleStages: [settings.testHook.stage], roleArn: hookRoleArn }]
      : undefined;
  const common = { strategy, bakeTimeInMinutes: String(settings.bakeTimeMinutes), lifecycleHook };
  if (strategy === "CANARY") {
    if (!settings.canary) throw new Error("deploymentConfiguration: CANARY needs app.canary");
    return { ...common, canaryConfiguration: { canaryPercent: settings.canary.percent, canaryBakeTimeInMinutes: String(settings.canary.bakeTimeMinutes) } };
  }
  if (strategy === "LINEAR") {
    if (!settings.linear) throw new Error("deploymentConfiguration: LINEAR needs app.linear");
    return { ...common, linearConfiguration: { stepPercent: settings.linear.stepPercent, stepBakeTimeInMinutes: String(settings.linear.stepBakeTimeMinutes) } };
  }
  return common;
}

/** Strategies that shift listener-rule traffic between two target groups (need the green one and the ECS load balancer role). */
export function shiftsTraffic(strategy: DeploymentSettings["deploymentStrategy"]): boolean {
  return strategy !== "ROLLING";
}
