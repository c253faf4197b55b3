import { Construct } from "constructs";
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Naming } from "../../naming";
import { Cache } from "./cache";
import { Database } from "./database";

export interface DataAlarmThresholds {
  readonly dbCpuPercent: number;
  readonly dbFreeStorageGiB: number;
  readonly dbFreeableMemoryMiB: number;
  readonly dbConnections: number;
  readonly dbReplicaLagSeconds: number;
  readonly cacheCpuPercent: number;
  readonly cacheMemoryPercent: number;
  readonly cacheEvictionsPerMinute: number;
}

export interface DataAlarmsProps {
  readonly naming: Naming;
  readonly database: Database;
  readonly cache: Cache;
  /** Redis nodes: the primary and its replicas, each alarmed on its own. */
  readonly cacheNodes: number;
  readonly thresholds: DataAlarmThresholds;
  /** Where ALARM and OK transitions go. */
  readonly actions: string[];
}

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** The database's and Redis's alarms: CPU, storage, memory, connections, replica lag, evictions. */
export class DataAlarms extends Construct {
  public readonly alarms: CloudwatchMetricAlarm[] = [];
  /** How CloudWatch names the database in its metrics (for dashboards). */
  public readonly databaseDimensions: Record<string, string>;
  /** How CloudWatch names each Redis node in its metrics. */
  public readonly cacheDimensions: Record<string, string>[] = [];

  constructor(scope: Construct, id: string, props: DataAlarmsProps) {
    super(scope, id);
    const { naming, thresholds: t, database } = props;

    const alarm = (id: string, description: string, config: Partial<CloudwatchMetricAlarmConfig>) => {
      this.alarms.push(
        new CloudwatchMetricAlarm(this, id, {
          alarmName: naming.name("alarmName", id),
          alarmDescription: description,
          period: 60,
          evaluationPeriods: 5,
          datapointsToAlarm: 3,
          statistic: "Average",
          comparisonOperator: "GreaterThanThreshold",
          treatMissingData: "notBreaching",
          alarmActions: props.actions,
          okActions: props.actions,
          ...config,
        } as CloudwatchMetricAlarmConfig),
      );
    };

    // RDS reports per instance; Aurora per cluster, with the writer and readers told apart by Role.
    const db: Record<string, string> = database.instance
      ? { DBInstanceIdentifier: database.instance.identifier }
      : { DBClusterIdentifier: database.cluster!.clusterIdentifier, Role: "WRITER" };
    this.databaseDimensions = db;
    alarm("database-cpu", `The database's CPU is above ${t.dbCpuPercent}%. Check Performance Insights for the top queries, then the p99 latency.`, {
      namespace: "AWS/RDS",
      metricName: "CPUUtilization",
      dimensions: db,
      threshold: t.dbCpuPercent,
    });
    alarm("database-memory", `The database has less than ${t.dbFreeableMemoryMiB} MiB of freeable memory. Check connections and Performance Insights; consider a larger instance class.`, {
      namespace: "AWS/RDS",
      metricName: "FreeableMemory",
      dimensions: db,
      comparisonOperator: "LessThanThreshold",
      threshold: t.dbFreeableMemoryMiB * MIB,
    });
    alarm("database-connections", `The database holds more than ${t.dbConnections} connections. Check the app's pool size per task times the task count.`, {
      namespace: "AWS/RDS",
      metricName: "DatabaseConnections",
      dimensions: db,
      statistic: "Maximum",
      threshold: t.dbConnections,
    });
    if (database.instance) {
      alarm("database-storage", `The database has less than ${t.dbFreeStorageGiB} GiB free. Storage autoscaling may be at database.maxAllocatedStorageGiB: check it and what grew.`, {
        namespace: "AWS/RDS",
        metricName: "FreeStorageSpace",
        dimensions: db,
        statistic: "Minimum",
        comparisonOperator: "LessThanThreshold",
        threshold: t.dbFreeStorageGiB * GIB,
      });
    } else {
      alarm("database-replica-lag", `Aurora readers lag the writer by more than ${t.dbReplicaLagSeconds}s: reads are stale. Check the writer's load and the readers' CPU.`, {
        namespace: "AWS/RDS",
        metricName: "AuroraReplicaLagMaximum",
        dimensions: { DBClusterIdentifier: database.cluster!.clusterIdentifier },
        statistic: "Maximum",
        threshold: t.dbReplicaLagSeconds * 1000,
      });
    }

    // ElastiCache reports per node; the nodes of a replication group are <id>-001, -002, ...
    for (let node = 1; node <= props.cacheNodes; node++) {
      const dims = { CacheClusterId: `${props.cache.replicationGroup.replicationGroupId}-${String(node).padStart(3, "0")}` };
      this.cacheDimensions.push(dims);
      alarm(`cache-cpu-${node}`, `Redis node ${node}'s engine CPU is above ${t.cacheCpuPercent}%. Check for expensive commands (slow log) and hot keys.`, {
        namespace: "AWS/ElastiCache",
        metricName: "EngineCPUUtilization",
        dimensions: dims,
        threshold: t.cacheCpuPercent,
      });
      alarm(`cache-memory-${node}`, `Redis node ${node} uses more than ${t.cacheMemoryPercent}% of its memory. Check key expiry (TTL) and consider a larger node type.`, {
        namespace: "AWS/ElastiCache",
        metricName: "DatabaseMemoryUsagePercentage",
        dimensions: dims,
        threshold: t.cacheMemoryPercent,
      });
      alarm(`cache-evictions-${node}`, `Redis node ${node} evicts more than ${t.cacheEvictionsPerMinute} keys a minute: sessions may be lost. Check memory use and key expiry.`, {
        namespace: "AWS/ElastiCache",
        metricName: "Evictions",
        dimensions: dims,
        statistic: "Sum",
        threshold: t.cacheEvictionsPerMinute,
      });
    }
  }
}
