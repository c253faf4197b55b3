import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Cache } from "../../../src/tiers/data/cache";
import { DataAlarms } from "../../../src/tiers/data/data-alarms";
import { Database } from "../../../src/tiers/data/database";
import { exampleConfig, naming, resources, synth } from "../../helpers";

const TOPIC = "arn:aws:sns:eu-central-1:111111111111:alarms";
const { environments } = exampleConfig();
const thresholds = environments.prod.observability.thresholds;

function build(engine: "postgres" | "aurora-postgresql"): string {
  return synth((scope) => {
    const subnets = [0, 1].map((i) => new Subnet(scope, `s${i}`, { vpcId: "v", cidrBlock: `10.0.${i}.0/24` }));
    const common = {
      naming,
      accountId: "111111111111",
      vpcId: "v",
      subnets,
      appSecurityGroup: new SecurityGroup(scope, "app"),
      logsKey: new KmsKey(scope, "logs"),
      logRetentionDays: 30,
    };
    const settings =
      engine === "postgres"
        ? { ...environments.prod.database, engine, engineVersion: "16", readers: undefined }
        : { ...environments.prod.database, engine, engineVersion: "16.6", readers: { min: 1, max: 3, targetCpuPercent: 60 } };
    const database = new Database(scope, "database", { ...common, settings });
    const cache = new Cache(scope, "cache", { ...common, settings: environments.prod.cache });
    new DataAlarms(scope, "alarms", { naming, database, cache, thresholds, actions: [TOPIC] });
  });
}

describe("DataAlarms", () => {
  const json = build("postgres");
  const alarms = resources(json, "aws_cloudwatch_metric_alarm");
  const byName = (suffix: string) => alarms.find((a) => a.alarm_name.endsWith(suffix));

  it("alarms on the database's CPU, freeable memory, connections and free storage", () => {
    expect(byName("database-cpu")).toMatchObject({
      metric_name: "CPUUtilization",
      threshold: thresholds.dbCpuPercent,
      dimensions: { DBInstanceIdentifier: expect.stringMatching(/^\$\{aws_db_instance\./) },
    });
    expect(byName("database-memory")).toMatchObject({
      metric_name: "FreeableMemory",
      comparison_operator: "LessThanThreshold",
      threshold: thresholds.dbFreeableMemoryMiB * 1024 ** 2,
    });
    expect(byName("database-connections")).toMatchObject({ metric_name: "DatabaseConnections", threshold: thresholds.dbConnections });
    expect(byName("database-storage")).toMatchObject({ metric_name: "FreeStorageSpace", threshold: thresholds.dbFreeStorageGiB * 1024 ** 3 });
  });

  it("alarms on replica lag for Aurora, by cluster", () => {
    const aurora = resources(build("aurora-postgresql"), "aws_cloudwatch_metric_alarm");
    expect(aurora.find((a) => a.alarm_name.endsWith("database-replica-lag"))).toMatchObject({
      metric_name: "AuroraReplicaLagMaximum",
      threshold: thresholds.dbReplicaLagSeconds * 1000,
      dimensions: { DBClusterIdentifier: expect.stringMatching(/^\$\{aws_rds_cluster\./) },
    });
    expect(aurora.find((a) => a.alarm_name.endsWith("database-storage"))).toBeUndefined();
  });

  it("alarms on every Redis node's engine CPU, memory and evictions", () => {
    const cache = alarms.filter((a) => a.namespace === "AWS/ElastiCache");
    expect(cache).toHaveLength(9);
    expect(new Set(cache.map((a) => a.metric_name))).toEqual(new Set(["EngineCPUUtilization", "DatabaseMemoryUsagePercentage", "Evictions"]));
    expect(cache.map((a) => a.dimensions.CacheClusterId)).toContain("${aws_elasticache_replication_group.cache_redis_F9D2CAF5.replication_group_id}-003");
  });

  it("sends ALARM and OK to the topic and says what to check", () => {
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({ alarm_actions: [TOPIC], ok_actions: [TOPIC] });
      expect(alarm.alarm_description).toMatch(/[Cc]heck/);
    }
  });
});
