/** A small synthesized stack for the cost tests: the shapes the real plans have, few of each. */
export interface FixtureOptions {
  /** Business hours' end (hour, Europe/Berlin). @default 20 */
  readonly endHour?: number;
  readonly fargateBase?: number;
  readonly spotWeight?: number;
  readonly multiAz?: boolean;
  readonly logRetentionDays?: number;
  readonly natGateways?: number;
  readonly extra?: Record<string, Record<string, unknown>>;
}

const at = (path: string) => ({ "//": { metadata: { path: `dev/${path}` } } });

export function fixture(options: FixtureOptions = {}): any {
  const nats = options.natGateways ?? 1;
  const resource: Record<string, Record<string, any>> = {
    aws_ecs_cluster: { cluster: { ...at("app/cluster"), name: "notes-dev-cluster" } },
    aws_ecs_task_definition: { task: { ...at("app/task"), cpu: "1024", memory: "2048", runtime_platform: { cpu_architecture: "ARM64" } } },
    aws_ecs_service: {
      service: {
        ...at("app/service"),
        name: "notes-dev-app",
        cluster: "${aws_ecs_cluster.cluster.arn}",
        task_definition: "${aws_ecs_task_definition.task.arn}",
        desired_count: 2,
        capacity_provider_strategy: [
          { capacity_provider: "FARGATE", base: options.fargateBase ?? 2, weight: 1 },
          { capacity_provider: "FARGATE_SPOT", base: 0, weight: options.spotWeight ?? 1 },
        ],
      },
    },
    aws_appautoscaling_target: {
      target: {
        ...at("app-scaling/target"),
        service_namespace: "ecs",
        resource_id: "service/${aws_ecs_cluster.cluster.name}/${aws_ecs_service.service.name}",
        min_capacity: 2,
        max_capacity: 8,
      },
    },
    aws_appautoscaling_scheduled_action: {
      start: {
        ...at("app-scaling/start"),
        resource_id: "${aws_appautoscaling_target.target.resource_id}",
        schedule: "cron(0 7 ? * MON-FRI *)",
        timezone: "Europe/Berlin",
        scalable_target_action: { min_capacity: "4", max_capacity: "8" },
      },
      end: {
        ...at("app-scaling/end"),
        resource_id: "${aws_appautoscaling_target.target.resource_id}",
        schedule: `cron(0 ${options.endHour ?? 20} ? * MON-FRI *)`,
        timezone: "Europe/Berlin",
        scalable_target_action: { min_capacity: "2", max_capacity: "8" },
      },
    },
    aws_nat_gateway: Object.fromEntries(
      [...Array(nats).keys()].map((i) => [`nat-${i}`, { ...at(`network/nat-${i}`), allocation_id: `\${aws_eip.eip-${i}.allocation_id}` }]),
    ),
    aws_eip: Object.fromEntries([...Array(nats).keys()].map((i) => [`eip-${i}`, { ...at(`network/eip-${i}`), domain: "vpc" }])),
    aws_lb: { alb: { ...at("load-balancer/alb"), load_balancer_type: "application", subnets: ["a", "b"] } },
    aws_db_instance: {
      db: {
        ...at("database/instance"),
        engine: "postgres",
        instance_class: "db.t4g.small",
        multi_az: options.multiAz ?? false,
        allocated_storage: 20,
        storage_type: "gp3",
        backup_retention_period: 7,
        manage_master_user_password: true,
      },
    },
    aws_elasticache_replication_group: {
      redis: { ...at("cache/redis"), engine: "valkey", node_type: "cache.t4g.micro", num_cache_clusters: 2, snapshot_retention_limit: 1 },
    },
    aws_backup_vault: {
      vault: { ...at("backup/vault"), name: "notes-dev-backup" },
      dr: { ...at("backup/dr-vault"), name: "notes-dev-backup-dr", provider: "aws.dr" },
    },
    aws_backup_plan: {
      plan: {
        ...at("backup/plan"),
        rule: [
          {
            rule_name: "daily",
            schedule: "cron(0 5 * * ? *)",
            target_vault_name: "${aws_backup_vault.vault.name}",
            lifecycle: { delete_after: 7 },
            copy_action: [{ destination_vault_arn: "${aws_backup_vault.dr.arn}", lifecycle: { delete_after: 7 } }],
          },
          { rule_name: "monthly", schedule: "cron(0 5 1 * ? *)", target_vault_name: "${aws_backup_vault.vault.name}", lifecycle: { delete_after: 1095 } },
        ],
      },
    },
    aws_backup_selection: { db: { ...at("backup/selection-database"), plan_id: "${aws_backup_plan.plan.id}", resources: ["${aws_db_instance.db.arn}"] } },
    aws_cloudwatch_log_group: { app: { ...at("app/logs"), name: "/notes/dev/app", retention_in_days: options.logRetentionDays ?? 30 } },
    aws_s3_bucket: { logs: { ...at("load-balancer/access-logs/bucket"), bucket: "notes-dev-alb-logs-111111111111" } },
    aws_s3_bucket_lifecycle_configuration: {
      logs: {
        ...at("load-balancer/access-logs/lifecycle"),
        bucket: "${aws_s3_bucket.logs.id}",
        rule: [{ id: "expire", status: "Enabled", expiration: [{ days: 90 }] }],
      },
    },
    aws_kms_key: { logs: { ...at("logs-key/key"), description: "notes-dev logs" } },
    aws_iam_role: { role: { ...at("app/task-role"), name: "notes-dev-app" } },
    ...options.extra,
  };
  return {
    provider: { aws: [{ region: "eu-central-1" }, { alias: "dr", region: "eu-west-1" }] },
    resource,
  };
}
