import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DATABASE_ENGINES } from "../../src/config/database-engines";
import { INSTANCE_TYPES } from "../../src/config/instance-types";
import { ECS_AMI_PARAMETERS } from "../../src/tiers/app/ec2-capacity";
import { EnvironmentConfig } from "../../src/config/schema";
import { EnvironmentName, exampleConfig, parsed, resources } from "../helpers";
import { dependencyCycle } from "../support/dependency-graph";
import { synthesizedStack } from "../support/synthesized";

const config = exampleConfig();
const NAMES = Object.keys(config.environments) as EnvironmentName[];
const synthesized = Object.fromEntries(NAMES.map((name) => [name, synthesizedStack(name)])) as Record<EnvironmentName, string>;

/** The one resource of `type` in a stack: its address and its block. */
function only(json: string, type: string): [address: string, block: any] {
  const entries = Object.entries<any>(parsed(json).resource[type] ?? {});
  expect(entries).toHaveLength(1);
  return [`${type}.${entries[0][0]}`, entries[0][1]];
}

/** The database's resource: the instance, or the cluster on Aurora. */
const databaseType = (env: EnvironmentConfig) => (DATABASE_ENGINES[env.database.engine].aurora ? "aws_rds_cluster" : "aws_db_instance");

describe.each(NAMES)("EnvironmentStack %s", (name) => {
  const json = synthesized[name];
  const env = config.environments[name];

  it("stores state in the shared bucket under its own key, locked and encrypted", () => {
    const { project, accountId, region } = config.state;
    expect(parsed(json).terraform.backend.s3).toEqual({
      bucket: `${project}-state-${accountId}-${region}`,
      key: `${name}.tfstate`,
      workspace_key_prefix: "workspaces",
      region,
      encrypt: true,
      kms_key_id: `arn:aws:kms:${region}:${accountId}:alias/${project}-state/terraform-state`,
      dynamodb_table: `${project}-state-locks`,
    });
  });

  it("can only be applied to its own account, and tags everything", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, {
      region: env.region,
      allowed_account_ids: [env.accountId],
      default_tags: [{ tags: { Project: env.project, Environment: name, ManagedBy: "cdktf", Repository: `${env.repository.owner}/${env.repository.name}` } }],
    });
  });

  it("has a provider alias for the DR region", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, { alias: "dr", region: env.drRegion, allowed_account_ids: [env.accountId] });
  });

  it("sizes the database and the cache as configured, protected where stateful resources are", () => {
    const [, database] = only(json, databaseType(env));
    expect(database).toMatchObject({
      deletion_protection: env.protectStatefulResources,
      skip_final_snapshot: env.database.skipFinalSnapshot,
      lifecycle: { prevent_destroy: env.protectStatefulResources },
    });
    if (DATABASE_ENGINES[env.database.engine].aurora) {
      expect(resources(json, "aws_rds_cluster_instance").map((i) => i.instance_class)).toEqual(expect.arrayContaining([env.database.instanceClass]));
    } else {
      expect(database).toMatchObject({ instance_class: env.database.instanceClass, multi_az: env.database.multiAz });
    }
    expect(resources(json, "aws_elasticache_replication_group")[0]).toMatchObject({
      node_type: env.cache.nodeType,
      num_cache_clusters: 1 + env.cache.replicas,
      multi_az_enabled: env.cache.multiAz,
      lifecycle: { prevent_destroy: env.protectStatefulResources },
    });
  });

  it("puts the database and the cache in the isolated subnets", () => {
    const isolated = Object.entries<any>(parsed(json).resource.aws_subnet)
      .filter(([, s]) => s.tags.Tier === "isolated")
      .map(([id]) => `\${aws_subnet.${id}.id}`);
    expect(resources(json, "aws_db_subnet_group")[0].subnet_ids).toEqual(isolated);
    expect(resources(json, "aws_elasticache_subnet_group")[0].subnet_ids).toEqual(isolated);
  });

  it("lets the app's security group reach the database and the cache", () => {
    const [appSg] = only(json, "aws_ecs_service")[1].network_configuration.security_groups;
    const [databaseSg] = only(json, databaseType(env))[1].vpc_security_group_ids;
    const [cacheSg] = only(json, "aws_elasticache_replication_group")[1].security_group_ids;
    const egress = resources(json, "aws_vpc_security_group_egress_rule");
    expect(egress.map((r) => [r.security_group_id, r.referenced_security_group_id, r.to_port])).toEqual(
      expect.arrayContaining([
        [appSg, databaseSg, DATABASE_ENGINES[env.database.engine].port],
        [appSg, cacheSg, 6379],
      ]),
    );
  });

  it("backs up the database, copied to the DR region", () => {
    expect(resources(json, "aws_backup_selection")[0].resources).toEqual([`\${${only(json, databaseType(env))[0]}.arn}`]);
    expect(resources(json, "aws_backup_plan")[0].rule.map((r: any) => r.lifecycle.delete_after)).toEqual(
      [env.backup.dailyRetentionDays, env.backup.monthlyRetentionDays].filter((d) => d !== undefined),
    );
    expect(resources(json, "aws_backup_vault").filter((v) => v.provider === "aws.dr")).toHaveLength(1);
    expect(resources(json, "aws_backup_vault_lock_configuration")).toHaveLength(env.backup.vaultLock ? 2 : 0);
  });

  it("describes security groups and rules only with characters EC2 accepts", () => {
    const described = ["aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"].flatMap((type) =>
      resources(json, type),
    );
    const descriptions = described.map((r) => r.description).filter((d) => d !== undefined);
    expect(descriptions.filter((d) => !/^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/.test(d))).toEqual([]);
  });

  it("has no dependency cycle between resources", () => {
    expect(dependencyCycle(parsed(json))).toBeUndefined();
  });
});

describe("EnvironmentStack release pipeline", () => {
  it("reports failed releases on the alarm topic too, once its policy lets CodeStar Notifications publish", () => {
    const rules = Object.values<any>(parsed(synthesized.prod).resource.aws_codestarnotifications_notification_rule);
    const failures = rules.find((r) => r.name.endsWith("app-pipeline-failures"));
    expect(failures).toMatchObject({
      event_type_ids: ["codepipeline-pipeline-pipeline-execution-failed"],
      target: [{ type: "SNS", address: expect.stringMatching(/^\$\{aws_sns_topic\.alarms_topic_/) }],
      depends_on: [expect.stringMatching(/^aws_sns_topic_policy\.alarms_topic-policy_/)],
    });
  });

  const stages = (name: EnvironmentName) => Object.values<any>(parsed(synthesized[name]).resource.aws_codepipeline)[0].stage.map((s: any) => s.name);

  it.each(NAMES)("asks for approval in %s where its pipeline.requireApproval says so (prod must)", (name) => {
    const approve = config.environments[name].pipeline.requireApproval ? ["Approve"] : [];
    expect(stages(name)).toEqual(["Source", "Test", "Build", ...approve, "Migrate", "Deploy"]);
  });

  it("asks for approval in prod", () => {
    expect(stages("prod")).toContain("Approve");
  });

  it("deploys this stack's service and records the tag in the parameter its task definition reads", () => {
    const json = parsed(synthesized.prod);
    const pipeline = Object.values<any>(json.resource.aws_codepipeline)[0];
    const deploy = pipeline.stage.find((s: any) => s.name === "Deploy").action.find((a: any) => a.provider === "ECS");
    expect(deploy.configuration).toEqual({
      ClusterName: `\${${only(synthesized.prod, "aws_ecs_cluster")[0]}.name}`,
      ServiceName: `\${${only(synthesized.prod, "aws_ecs_service")[0]}.name}`,
      FileName: "imagedefinitions.json",
    });
    const release = Object.values<any>(json.resource.aws_codebuild_project).find((p) => p.name === `${config.environments.prod.project}-prod-app-release`);
    const [parameter] = Object.entries<any>(json.resource.aws_ssm_parameter).find(([, p]) => p.name.endsWith("/app/image-tag"))!;
    expect(release.source.buildspec).toContain(`"IMAGE_TAG_PARAMETER": "\${aws_ssm_parameter.${parameter}.name}"`);
  });

  it.each(NAMES)("has its first release switch on exactly the alarms whose actions wait for it (%s)", (name) => {
    const resource = parsed(synthesized[name]).resource;
    const waiting = (type: string) =>
      Object.entries<any>(resource[type] ?? {})
        .filter(([, a]) => a.actions_enabled !== undefined)
        .map(([id]) => `\${${type}.${id}.alarm_name}`);
    const start = Object.values<any>(resource.aws_codebuild_project).find((p) => p.name.endsWith("-app-start"));
    const switched: string[] = JSON.parse(start.source.buildspec).env.variables.ALARM_NAMES.split(" ");
    expect(switched.sort()).toEqual([...waiting("aws_cloudwatch_metric_alarm"), ...waiting("aws_cloudwatch_composite_alarm")].sort());
  });

  it.each(NAMES)("creates the service, its scaling and the app's alarms waiting for the image-tag parameter's first release (%s)", (name) => {
    const json = synthesized[name];
    const env = config.environments[name];
    const resource = parsed(json).resource;
    const [tag] = Object.entries<any>(resource.aws_ssm_parameter).find(([, p]) => p.name.endsWith("/app/image-tag"))!;
    const released = `(aws_ssm_parameter.${tag}.insecure_value != "initial")`;
    const [, service] = only(json, "aws_ecs_service");
    const target = Object.values<any>(resource.aws_appautoscaling_target).find((t) => t.service_namespace === "ecs");
    expect([service.desired_count, target.min_capacity]).toEqual([`\${${released} ? ${env.app.minTasks} : 0}`, `\${${released} ? ${env.app.minTasks} : 0}`]);
    const alarms = Object.values<any>(resource.aws_cloudwatch_metric_alarm).filter((a) => a.actions_enabled !== undefined);
    expect(new Set(alarms.map((a) => a.actions_enabled))).toEqual(new Set([`\${${released}}`]));
  });

  it("releases from the environment's repository and branch, built for the app's architecture", () => {
    const json = parsed(synthesized.dev);
    const source = Object.values<any>(json.resource.aws_codepipeline)[0].stage[0].action[0];
    const { repository } = config.environments.dev;
    expect(source.configuration).toMatchObject({
      FullRepositoryId: `${repository.owner}/${repository.name}`,
      BranchName: config.environments.dev.pipeline.branch ?? repository.branch,
    });
    const image = Object.values<any>(json.resource.aws_codebuild_project).find((p) => p.name.endsWith("-app-image"));
    expect(image.environment).toMatchObject({ image: "aws/codebuild/amazonlinux-aarch64-standard:3.0", type: "ARM_CONTAINER" });
  });

  it.each(NAMES)("outputs the Grafana workspace's URL in %s exactly where Grafana is enabled", (name) => {
    const output = parsed(synthesized[name]).output.grafana_url;
    if (!config.environments[name].observability.grafana.enabled) return expect(output).toBeUndefined();
    expect(output.value).toBe(`https://\${${only(synthesized[name], "aws_grafana_workspace")[0]}.endpoint}`);
  });

  it("outputs the GitHub connection to approve", () => {
    expect(parsed(synthesized.dev).output.codestar_connection_arn.value).toBe(`\${${only(synthesized.dev, "aws_codestarconnections_connection")[0]}.arn}`);
  });
});

describe("EnvironmentStack releases", () => {
  const service = (name: EnvironmentName) => only(synthesized[name], "aws_ecs_service")[1];

  it("ships prod with a canary: a small share first, all of it after the bake", () => {
    const { canary } = config.environments.prod.app;
    expect(service("prod").deployment_configuration).toMatchObject({
      strategy: "CANARY",
      canary_configuration: { canary_percent: canary?.percent, canary_bake_time_in_minutes: String(canary?.bakeTimeMinutes) },
    });
  });

  it("rolls prod's canary back when the service-health alarms fire", () => {
    const alarms = parsed(synthesized.prod).resource.aws_cloudwatch_metric_alarm;
    const names = service("prod").alarms.alarm_names.map(
      (ref: string) => alarms[/^\$\{aws_cloudwatch_metric_alarm\.([^.]+)\.alarm_name\}$/.exec(ref)![1]].alarm_name,
    );
    expect(names).toEqual(["notes-prod-app-5xx-rate", "notes-prod-app-unhealthy-targets"]);
    expect(service("prod").alarms).toMatchObject({ enable: true, rollback: true });
  });

  it.each(NAMES)("gives %s a green target group exactly where its strategy shifts traffic", (name) => {
    const groups = Object.keys(parsed(synthesized[name]).resource.aws_lb_target_group);
    expect(groups).toHaveLength(config.environments[name].app.deploymentStrategy === "ROLLING" ? 1 : 2);
  });
});

describe("EnvironmentStack EC2 capacity", () => {
  const withHosts = NAMES.filter((name) => config.environments[name].app.capacity.ec2);

  it("runs at least one shipped environment on EC2 hosts", () => {
    expect(withHosts).toContain("dev");
  });

  describe.each(withHosts)("%s", (name) => {
    const json = parsed(synthesized[name]);
    const [template] = Object.values<any>(json.resource.aws_launch_template);
    const [group] = Object.values<any>(json.resource.aws_autoscaling_group);

    it("hardens the hosts' launch template: IMDSv2 only, encrypted root volume, no public address", () => {
      expect(template.metadata_options).toMatchObject({ http_tokens: "required", http_put_response_hop_limit: 1 });
      expect(template.block_device_mappings[0].ebs).toMatchObject({ encrypted: "true" });
      expect(template.network_interfaces[0].associate_public_ip_address).toBe("false");
      expect(template.key_name).toBeUndefined();
    });

    it("boots the ECS-optimized AMI of the image's architecture, from its SSM parameter", () => {
      const [ami] = Object.values<any>(json.data.aws_ssm_parameter);
      expect(ami.name).toBe(ECS_AMI_PARAMETERS[config.environments[name].app.cpuArchitecture]);
    });

    it("launches only instance types of the image's architecture, in the private subnets", () => {
      const types = group.mixed_instances_policy.launch_template.override.map((o: any) => o.instance_type);
      expect(types.every((t: string) => INSTANCE_TYPES[t].architecture === config.environments[name].app.cpuArchitecture)).toBe(true);
      const privateSubnets = parsed(synthesized[name]).output.private_subnet_ids.value;
      expect(group.vpc_zone_identifier).toEqual(privateSubnets);
    });

    it("gives the service's strategy and the cluster the hosts' capacity provider", () => {
      const [address] = only(synthesized[name], "aws_ecs_capacity_provider");
      const [, providers] = only(synthesized[name], "aws_ecs_cluster_capacity_providers");
      expect(providers.capacity_providers).toContain(`\${${address}.name}`);
      expect(only(synthesized[name], "aws_ecs_service")[1].capacity_provider_strategy).toEqual([
        { capacity_provider: `\${${address}.name}`, base: 0, weight: 1 },
      ]);
    });
  });

  it.each(NAMES.filter((name) => !config.environments[name].app.capacity.ec2))("keeps %s on Fargate, without hosts", (name) => {
    expect(parsed(synthesized[name]).resource.aws_autoscaling_group).toBeUndefined();
  });
});

describe("EnvironmentStack workspaces", () => {
  it("puts the workspace into dev names", () => {
    expect(synthesized.dev).toContain('"Name": "notes-dev${local.workspace_suffix}-vpc"');
  });

  it("serves dev copies on <workspace>.<domain> and leaves account-wide replication to dev itself", () => {
    const dev = parsed(synthesized.dev);
    expect(Object.values<any>(dev.resource.aws_acm_certificate)[0].domain_name).toBe(
      '${(terraform.workspace == "default") ? "" : "${terraform.workspace}."}dev.notes.example.com',
    );
    expect(Object.values<any>(dev.resource.aws_ecr_replication_configuration)[0].count).toBe('${(terraform.workspace == "default") ? 1 : 0}');
  });

  it("keeps prod names literal: prod refuses other workspaces", () => {
    expect(synthesized.prod).toContain('"Name": "notes-prod-vpc"');
    expect(synthesized.prod).not.toContain("workspace_suffix");
  });
});

describe.each(NAMES)("EnvironmentStack %s audit", (name) => {
  const json = synthesized[name];
  const { audit, project } = config.environments[name];

  if (audit.enabled) {
    it("records the API activity, with GuardDuty and the CIS alarms", () => {
      expect(resources(json, "aws_cloudtrail").map((t) => [t.name, t.is_multi_region_trail])).toEqual([[`${project}-${name}-audit`, true]]);
      expect(resources(json, "aws_guardduty_detector")).toEqual(
        audit.guardDuty ? [expect.objectContaining({ enable: true, finding_publishing_frequency: audit.guardDutyFindingFrequency })] : [],
      );
      expect(resources(json, "aws_cloudwatch_log_metric_filter").filter((f) => f.name.startsWith(`${project}-${name}-audit-`))).toHaveLength(8);
    });

    it("keeps the log files audit.retentionDays, in audit.archiveStorageClass after audit.archiveAfterDays", () => {
      const lifecycle = resources(json, "aws_s3_bucket_lifecycle_configuration").find((l) => l.rule.some((r: any) => r.id === "transition-objects"));
      expect(lifecycle.rule.find((r: any) => r.id === "transition-objects").transition).toEqual([
        { days: audit.archiveAfterDays, storage_class: audit.archiveStorageClass },
      ]);
      expect(lifecycle.rule.find((r: any) => r.id === "expire-objects").expiration).toEqual([{ days: audit.retentionDays }]);
    });
  } else {
    it("has none (cost)", () => {
      expect(resources(json, "aws_cloudtrail")).toEqual([]);
      expect(resources(json, "aws_guardduty_detector")).toEqual([]);
    });
  }
});
