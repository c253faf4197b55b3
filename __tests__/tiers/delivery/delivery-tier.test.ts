import { AppTier } from "../../../src/tiers/app/app-tier";
import { DataTier } from "../../../src/tiers/data/data-tier";
import { DeliveryTier } from "../../../src/tiers/delivery/delivery-tier";
import { EdgeTier } from "../../../src/tiers/edge/edge-tier";
import { NetworkTier } from "../../../src/tiers/network/network-tier";
import { resources } from "../../helpers";
import { synthTiers } from "../../support/tiers";

describe("DeliveryTier", () => {
  const json = synthTiers("dev", (scope, context, config) => {
    const network = new NetworkTier(scope, "network", { context, config: config.network });
    const edge = new EdgeTier(scope, "edge", { context, config, network });
    const data = new DataTier(scope, "data", { context, config, network });
    const app = new AppTier(scope, "app", { context, config, network, edge, data });
    new DeliveryTier(scope, "delivery", { context, config, network, app, data });
  });

  it("has the data tier admit the migration job to the database", () => {
    const rule = resources(json, "aws_vpc_security_group_ingress_rule").find((r) => r.description === "database from release migrations");
    expect(rule.referenced_security_group_id).toMatch(/^\$\{aws_security_group\.delivery_pipeline_migration-sg_/);
  });

  it("mails release notifications to the configured addresses", () => {
    const mailed = resources(json, "aws_sns_topic_subscription").filter((s) =>
      s.topic_arn.startsWith("${aws_sns_topic.delivery_pipeline_notifications_topic_"),
    );
    expect(mailed.map((s) => s.endpoint)).toEqual(["platform-releases@example.com"]);
  });

  it("keeps the migration job away from Redis", () => {
    expect(resources(json, "aws_vpc_security_group_ingress_rule").map((r) => r.description)).not.toContain("Redis from release migrations");
  });

  it("deploys the app tier's service", () => {
    const [pipeline] = resources(json, "aws_codepipeline");
    const deploy = pipeline.stage.find((s: any) => s.name === "Deploy").action.find((a: any) => a.provider === "ECS");
    expect(deploy.configuration.ServiceName).toMatch(/^\$\{aws_ecs_service\.app_service_[0-9A-F]{8}\.name\}$/);
  });
});
