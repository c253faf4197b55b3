import { Construct } from "constructs";
import { EnvironmentConfig } from "../../config/schema";
import { PlatformContext } from "../../context";
import { AppTier } from "../app/app-tier";
import { APP_CONTAINER } from "../app/app-service";
import { DataTier } from "../data/data-tier";
import { NetworkTier } from "../network/network-tier";
import { ReleasePipeline } from "./release-pipeline";

export interface DeliveryTierProps {
  readonly context: PlatformContext;
  /** `pipeline` and `repository`; of `app`, the CPU architecture images are built for. */
  readonly config: Pick<EnvironmentConfig, "pipeline" | "repository" | "app">;
  readonly network: NetworkTier;
  /** What is released: the registry and the service. */
  readonly app: AppTier;
  /** What migrations run against. */
  readonly data: DataTier;
}

/**
 * Releases the app from GitHub: test, image, scan gate, [approval], migration, deploy. The data tier
 * admits the migration job on the database port, and the job gets the database's secret by ARN.
 */
export class DeliveryTier extends Construct {
  public readonly pipeline: ReleasePipeline;

  constructor(scope: Construct, id: string, props: DeliveryTierProps) {
    super(scope, id);
    const { context, network, app, data } = props;
    const { pipeline, repository } = props.config;
    const { database } = data;
    const service = app.service;
    this.pipeline = new ReleasePipeline(this, "pipeline", {
      naming: context.naming,
      region: context.region,
      accountId: context.accountId,
      repository,
      branch: pipeline.branch ?? repository.branch,
      filePaths: pipeline.filePaths,
      requireApproval: pipeline.requireApproval,
      computeType: pipeline.computeType,
      cpuArchitecture: props.config.app.cpuArchitecture,
      imageScan: pipeline.imageScan,
      testCommand: pipeline.testCommand,
      testReportsDirectory: pipeline.testReportsDirectory,
      dockerContext: pipeline.dockerContext,
      migrationCommand: pipeline.migrationCommand,
      artifactRetentionDays: pipeline.artifactRetentionDays,
      ecrRepository: app.registry.repository,
      cluster: service.cluster,
      service: service.service,
      taskDefinition: service.taskDefinition,
      taskRole: service.taskRole,
      executionRole: service.executionRole,
      imageTagParameter: service.imageTag,
      containerName: APP_CONTAINER,
      firstStart: {
        scalingTarget: app.scaling.target,
        minTasks: app.scaling.minTasks,
        maxTasks: app.scaling.maxTasks,
        alarms: app.quietUntilReleased,
      },
      vpcId: network.network.vpc.id,
      subnets: network.network.privateSubnets,
      databaseCidrs: network.network.isolatedSubnets.map((s) => s.cidrBlock),
      databasePort: database.port,
      databaseSecretArn: database.masterUserSecretArn,
      databaseSecretKeyArn: database.kmsKey.arn,
      migrationEnvironment: { DATABASE_HOST: database.endpoint, DATABASE_NAME: database.databaseName },
      logsKey: context.logsKey.key,
      logRetentionDays: context.logRetentionDays,
      emails: pipeline.notifications.emails,
      slack: pipeline.notifications.slack,
      alarmTopic: context.alarms,
      protect: context.protect,
    });
    data.allowFrom("migration", this.pipeline.migrationSecurityGroup, "release migrations", ["database"]);
  }
}
