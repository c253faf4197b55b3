import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Database, DatabaseProps } from "../../../src/tiers/data/database";
import { DatabaseConfig } from "../../../src/config/schema";
import { naming, parsed, resources, synth } from "../../helpers";

const postgres: DatabaseConfig = {
  engine: "postgres",
  engineVersion: "16",
  instanceClass: "db.t4g.micro",
  allocatedStorageGiB: 20,
  maxAllocatedStorageGiB: 100,
  multiAz: false,
  databaseName: "notes",
  masterUsername: "notes_admin",
  backupRetentionDays: 7,
  backupWindow: "01:00-02:00",
  maintenanceWindow: "sun:03:00-sun:04:00",
  skipFinalSnapshot: true,
};

const auroraPostgres: DatabaseConfig = {
  ...postgres,
  engine: "aurora-postgresql",
  engineVersion: "16.6",
  instanceClass: "db.r7g.large",
  multiAz: true,
  readers: { min: 1, max: 3, targetCpuPercent: 60 },
  skipFinalSnapshot: false,
};

/** The database with its surroundings; `extra` can use it (e.g. outputs, more admissions). */
function database(settings: DatabaseConfig, overrides: Partial<DatabaseProps> = {}, extra?: (db: Database, scope: Construct) => void): string {
  return synth((scope) => {
    const subnets = [0, 1, 2].map(
      (i) => new Subnet(scope, `isolated-${i}`, { vpcId: "vpc-1", cidrBlock: `10.0.${i}.0/24`, availabilityZone: `eu-central-1${"abc"[i]}` }),
    );
    const db = new Database(scope, "database", {
      naming,
      accountId: "111111111111",
      settings,
      vpcId: "vpc-1",
      subnets,
      appSecurityGroup: new SecurityGroup(scope, "app-sg", { name: "app" }),
      logsKey: new KmsKey(scope, "logs-key"),
      logRetentionDays: 30,
      protect: false,
      ...overrides,
    });
    extra?.(db, scope);
  });
}

const instanceOf = (json: string) => resources(json, "aws_db_instance")[0];
const clusterOf = (json: string) => resources(json, "aws_rds_cluster")[0];

describe("Database (RDS PostgreSQL)", () => {
  const json = database(postgres);

  it("spans the isolated subnets of every AZ with its subnet group", () => {
    expect(json).toHaveResourceWithProperties(DbSubnetGroup, {
      name: "notes-dev-database",
      subnet_ids: ["${aws_subnet.isolated-0.id}", "${aws_subnet.isolated-1.id}", "${aws_subnet.isolated-2.id}"],
    });
    expect(instanceOf(json).db_subnet_group_name).toBe("${aws_db_subnet_group.database_subnets_53A37123.name}");
  });

  it("admits only the app's tasks, on the PostgreSQL port", () => {
    const ingress = resources(json, "aws_vpc_security_group_ingress_rule");
    expect(ingress).toHaveLength(1);
    expect(ingress[0]).toMatchObject({
      security_group_id: "${aws_security_group.database_sg_18332A00.id}",
      referenced_security_group_id: "${aws_security_group.app-sg.id}",
      ip_protocol: "tcp",
      from_port: 5432,
      to_port: 5432,
    });
    expect(resources(json, "aws_security_group").find((g) => g.name_prefix === "notes-dev-database-")).not.toHaveProperty("ingress");
  });

  it("lets the app's tasks out to the database, and nowhere else", () => {
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      security_group_id: "${aws_security_group.app-sg.id}",
      referenced_security_group_id: "${aws_security_group.database_sg_18332A00.id}",
      from_port: 5432,
      to_port: 5432,
    });
  });

  it("admits further clients, e.g. a migration job", () => {
    const withJob = database(postgres, {}, (db, scope) => db.allowFrom("migrations", new SecurityGroup(scope, "job-sg", { name: "job" }), "migration job"));
    expect(withJob).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      referenced_security_group_id: "${aws_security_group.job-sg.id}",
      description: "database from migration job",
      from_port: 5432,
    });
    expect(withJob).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      security_group_id: "${aws_security_group.job-sg.id}",
      description: "migration job to database",
    });
  });

  it("is reachable from inside the VPC only", () => {
    expect(instanceOf(json).publicly_accessible).toBe(false);
  });

  it("encrypts storage with its own customer managed key", () => {
    expect(json).toHaveResourceWithProperties(DbInstance, { storage_encrypted: true, kms_key_id: "${aws_kms_key.database_key_CA7EEF20.arn}" });
    expect(json).toHaveResourceWithProperties(KmsKey, { description: "notes-dev database", enable_key_rotation: true });
  });

  it("sizes the instance and lets storage grow to the configured limit", () => {
    expect(json).toHaveResourceWithProperties(DbInstance, {
      instance_class: "db.t4g.micro",
      allocated_storage: 20,
      max_allocated_storage: 100,
      storage_type: "gp3",
    });
  });

  it("pins the engine version from config", () => {
    expect(json).toHaveResourceWithProperties(DbInstance, { engine: "postgres", engine_version: "16", auto_minor_version_upgrade: true });
  });

  it("runs a standby in another AZ when Multi-AZ", () => {
    expect(instanceOf(json).multi_az).toBe(false);
    expect(instanceOf(database({ ...postgres, multiAz: true })).multi_az).toBe(true);
  });

  it("refuses connections without TLS", () => {
    expect(json).toHaveResourceWithProperties(DbParameterGroup, {
      family: "postgres16",
      parameter: [{ name: "rds.force_ssl", value: "1", apply_method: "pending-reboot" }],
    });
    expect(instanceOf(json).parameter_group_name).toBe("${aws_db_parameter_group.database_parameters_58B6739C.name}");
  });

  it("names the parameter group by a prefix with its family, so a replacement is created before the old one goes", () => {
    expect(json).toHaveResourceWithProperties(DbParameterGroup, { name_prefix: "notes-dev-database-postgres16-", lifecycle: { create_before_destroy: true } });
  });

  it("lets RDS generate the master password into Secrets Manager, under its key", () => {
    expect(json).toHaveResourceWithProperties(DbInstance, {
      manage_master_user_password: true,
      master_user_secret_kms_key_id: "${aws_kms_key.database_key_CA7EEF20.arn}",
      username: "notes_admin",
      db_name: "notes",
    });
    expect(instanceOf(json)).not.toHaveProperty("password");
  });

  it("turns on IAM database authentication", () => {
    expect(json).toHaveResourceWithProperties(DbInstance, { iam_database_authentication_enabled: true });
  });

  it("collects Performance Insights encrypted with its key", () => {
    expect(json).toHaveResourceWithProperties(DbInstance, {
      performance_insights_enabled: true,
      performance_insights_kms_key_id: "${aws_kms_key.database_key_CA7EEF20.arn}",
      performance_insights_retention_period: 7,
    });
  });

  it("sends enhanced monitoring with a role only RDS monitoring can assume", () => {
    expect(json).toHaveResourceWithProperties(DbInstance, {
      monitoring_interval: 60,
      monitoring_role_arn: "${aws_iam_role.database_monitoring-role_DD73B2F2.arn}",
    });
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" });
    const trust = parsed(json).data.aws_iam_policy_document["database_monitoring-trust_6535EA22"].statement[0];
    expect(trust.principals).toEqual([{ type: "Service", identifiers: ["monitoring.rds.amazonaws.com"] }]);
  });

  it("exports its logs to encrypted log groups with retention, named as RDS names them, created first", () => {
    expect(instanceOf(json).enabled_cloudwatch_logs_exports).toEqual(["postgresql", "upgrade"]);
    for (const log of ["postgresql", "upgrade"]) {
      expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: `/aws/rds/instance/notes-dev-database/${log}`,
        retention_in_days: 30,
        kms_key_id: "${aws_kms_key.logs-key.arn}",
      });
    }
    expect(instanceOf(json).depends_on).toEqual(
      expect.arrayContaining(["aws_cloudwatch_log_group.database_log-postgresql_935FAF93", "aws_cloudwatch_log_group.database_log-upgrade_75C2ADD9"]),
    );
  });

  it("keeps automated backups and maintains in the configured windows", () => {
    expect(json).toHaveResourceWithProperties(DbInstance, {
      backup_retention_period: 7,
      backup_window: "01:00-02:00",
      maintenance_window: "sun:03:00-sun:04:00",
      copy_tags_to_snapshot: true,
    });
  });

  it("may be deleted without a final snapshot when unprotected and configured so", () => {
    expect(json).toHaveResourceWithProperties(DbInstance, { deletion_protection: false, skip_final_snapshot: true, lifecycle: { prevent_destroy: false } });
    expect(instanceOf(json)).not.toHaveProperty("final_snapshot_identifier");
  });

  it("is protected from deletion, and keeps a final snapshot, when protected", () => {
    const protectedJson = database({ ...postgres, skipFinalSnapshot: false }, { protect: true });
    expect(protectedJson).toHaveResourceWithProperties(DbInstance, {
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: "notes-dev-database-final",
      delete_automated_backups: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("hands the app typed references: endpoint, port, name, secret ARN", () => {
    const outputs = parsed(
      database(postgres, {}, (db, scope) => {
        new TerraformOutput(scope, "endpoint", { value: db.endpoint });
        new TerraformOutput(scope, "port", { value: db.port });
        new TerraformOutput(scope, "name", { value: db.databaseName });
        new TerraformOutput(scope, "secret", { value: db.masterUserSecretArn });
      }),
    ).output;
    expect(outputs).toEqual({
      endpoint: { value: "${aws_db_instance.database_instance_D7FC2283.address}" },
      port: { value: 5432 },
      name: { value: "${aws_db_instance.database_instance_D7FC2283.db_name}" },
      secret: { value: "${aws_db_instance.database_instance_D7FC2283.master_user_secret[0].secret_arn}" },
    });
  });

  it("restores from a snapshot without the arguments the snapshot decides", () => {
    const restored = instanceOf(database({ ...postgres, restore: { snapshotIdentifier: "awsbackup:job-1234" } }));
    expect(restored.snapshot_identifier).toBe("awsbackup:job-1234");
    expect(restored).not.toHaveProperty("db_name");
    expect(restored).not.toHaveProperty("username");
    expect(restored).not.toHaveProperty("kms_key_id");
    expect(restored).toMatchObject({ storage_encrypted: true, manage_master_user_password: true });
  });
});

describe("Database (Aurora)", () => {
  const json = database(auroraPostgres);

  it("creates a cluster encrypted with its own key, the password managed by RDS", () => {
    expect(json).toHaveResourceWithProperties(RdsCluster, {
      cluster_identifier: "notes-dev-database",
      engine: "aurora-postgresql",
      engine_version: "16.6",
      storage_encrypted: true,
      kms_key_id: "${aws_kms_key.database_key_CA7EEF20.arn}",
      manage_master_user_password: true,
      iam_database_authentication_enabled: true,
      database_name: "notes",
      master_username: "notes_admin",
    });
    expect(resources(json, "aws_db_instance")).toHaveLength(0);
  });

  it("forces TLS with a cluster parameter group", () => {
    expect(json).toHaveResourceWithProperties(RdsClusterParameterGroup, {
      family: "aurora-postgresql16",
      parameter: [{ name: "rds.force_ssl", value: "1", apply_method: "pending-reboot" }],
    });
  });

  it("names the cluster parameter group by a prefix, so a replacement is created before the old one goes", () => {
    expect(json).toHaveResourceWithProperties(RdsClusterParameterGroup, {
      name_prefix: "notes-dev-database-aurora-postgresql16-",
      lifecycle: { create_before_destroy: true },
    });
  });

  it("forces TLS on Aurora MySQL with require_secure_transport, and writes the slow log it exports", () => {
    const mysql = database({ ...auroraPostgres, engine: "aurora-mysql", engineVersion: "8.0.mysql_aurora.3.05.2" });
    expect(mysql).toHaveResourceWithProperties(RdsClusterParameterGroup, {
      family: "aurora-mysql8.0",
      parameter: [
        { name: "require_secure_transport", value: "ON", apply_method: "pending-reboot" },
        { name: "slow_query_log", value: "1", apply_method: "pending-reboot" },
        { name: "log_output", value: "FILE", apply_method: "pending-reboot" },
      ],
    });
    expect(clusterOf(mysql)).toMatchObject({ port: 3306, enabled_cloudwatch_logs_exports: ["error", "slowquery"] });
  });

  it("puts the writer and its readers in different AZs", () => {
    const instances = resources(json, "aws_rds_cluster_instance");
    expect(instances.map((i) => i.availability_zone)).toEqual(["${aws_subnet.isolated-0.availability_zone}", "${aws_subnet.isolated-1.availability_zone}"]);
    expect(instances.map((i) => i.promotion_tier)).toEqual([0, 1]);
    expect(instances.every((i) => i.performance_insights_enabled && i.monitoring_interval === 60 && i.publicly_accessible === false)).toBe(true);
  });

  it("scales the readers on their average CPU", () => {
    expect(json).toHaveResourceWithProperties(AppautoscalingTarget, {
      service_namespace: "rds",
      scalable_dimension: "rds:cluster:ReadReplicaCount",
      resource_id: "cluster:${aws_rds_cluster.database_cluster_FAF2FB92.cluster_identifier}",
      min_capacity: 1,
      max_capacity: 3,
    });
    expect(json).toHaveResourceWithProperties(AppautoscalingPolicy, {
      policy_type: "TargetTrackingScaling",
      target_tracking_scaling_policy_configuration: {
        predefined_metric_specification: { predefined_metric_type: "RDSReaderAverageCPUUtilization" },
        target_value: 60,
        scale_in_cooldown: 300,
        scale_out_cooldown: 300,
      },
    });
  });

  it("exports its logs to log groups named as RDS names a cluster's", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/rds/cluster/notes-dev-database/postgresql" });
  });

  it("hands the app the writer and reader endpoints and the secret ARN", () => {
    const outputs = parsed(
      database(auroraPostgres, {}, (db, scope) => {
        new TerraformOutput(scope, "endpoint", { value: db.endpoint });
        new TerraformOutput(scope, "reader", { value: db.readerEndpoint });
        new TerraformOutput(scope, "secret", { value: db.masterUserSecretArn });
      }),
    ).output;
    expect(outputs).toEqual({
      endpoint: { value: "${aws_rds_cluster.database_cluster_FAF2FB92.endpoint}" },
      reader: { value: "${aws_rds_cluster.database_cluster_FAF2FB92.reader_endpoint}" },
      secret: { value: "${aws_rds_cluster.database_cluster_FAF2FB92.master_user_secret[0].secret_arn}" },
    });
  });

  it("restores a cluster snapshot into its own key, the name and user taken from the snapshot", () => {
    const restored = clusterOf(database({ ...auroraPostgres, restore: { snapshotIdentifier: "awsbackup:job-1234" } }));
    expect(restored).toMatchObject({ snapshot_identifier: "awsbackup:job-1234", kms_key_id: "${aws_kms_key.database_key_CA7EEF20.arn}" });
    expect(restored).not.toHaveProperty("database_name");
    expect(restored).not.toHaveProperty("master_username");
  });

  it("becomes Aurora from an RDS PostgreSQL instance snapshot, by its ARN, re-encrypted with its own key", () => {
    const snapshot = "arn:aws:rds:eu-central-1:111111111111:snapshot:notes-dev-database-before-aurora";
    const restored = clusterOf(database({ ...auroraPostgres, restore: { snapshotIdentifier: snapshot } }));
    expect(restored).toMatchObject({ engine: "aurora-postgresql", snapshot_identifier: snapshot, kms_key_id: "${aws_kms_key.database_key_CA7EEF20.arn}" });
    expect(restored).not.toHaveProperty("database_name");
  });
});
