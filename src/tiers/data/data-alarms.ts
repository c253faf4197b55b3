import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Naming } from "../../naming";
import { AlarmProps, metricAlarm } from "../../shared/alarm";
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
  /** Each of its nodes (the primary and its replicas) is alarmed on its own. */
  readonly cache: Cache;
  readonly thresholds: DataAlarmThresholds;
  /** Where ALARM and OK transitions go. */
  readonly actions: string[];
}

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** The database's and Redis's alarms: CPU, storage, memory, connections, replica lag, evictions. */
export class DataAlarms extends Construct {
  public readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: DataAlarmsProps) {
    super(scope, id);
    const { naming, thresholds: t, database, cache } = props;
    const alarm = (id: string, config: Omit<AlarmProps, "name" | "actions">) => {
      this.alarms.push(metricAlarm(this, id, { name: naming.name("alarmName", id), actions: props.actions, ...config }));
    };

    alarm("database-cpu", {
      description: `The database's CPU is above ${t.dbCpuPercent}%. Check Performance Insights for the top queries, then the p99 latency.`,
      metric: database.metricCpu(),
      threshold: t.dbCpuPercent,
    });
    alarm("database-memory", {
      description: `The database has less than ${t.dbFreeableMemoryMiB} MiB of freeable memory. Check connections and Performance Insights; consider a larger instance class.`,
      metric: database.metricFreeableMemory(),
      comparison: "LessThanThreshold",
      threshold: t.dbFreeableMemoryMiB * MIB,
    });
    alarm("database-connections", {
      description: `The database holds more than ${t.dbConnections} connections. Check the app's pool size per task times the task count; a blue/green deployment runs both task sets, twice the connections, so the threshold must allow that.`,
      metric: database.metricConnections(),
      threshold: t.dbConnections,
    });
    if (database.instance) {
      alarm("database-storage", {
        description: `The database has less than ${t.dbFreeStorageGiB} GiB free. Storage autoscaling may be at database.maxAllocatedStorageGiB: check it and what grew.`,
        metric: database.metricFreeStorage(),
        comparison: "LessThanThreshold",
        threshold: t.dbFreeStorageGiB * GIB,
      });
    } else {
      alarm("database-replica-lag", {
        description: `Aurora readers lag the writer by more than ${t.dbReplicaLagSeconds}s: reads are stale. Check the writer's load and the readers' CPU.`,
        metric: database.metricReplicaLag(),
        threshold: t.dbReplicaLagSeconds * 1000,
      });
    }

    cache.nodes.forEach((node, i) => {
      const n = i + 1;
      alarm(`cache-cpu-${n}`, {
        description: `Redis node ${n}'s engine CPU is above ${t.cacheCpuPercent}%. Check for expensive commands (slow log) and hot keys.`,
        metric: cache.metricEngineCpu(node),
        threshold: t.cacheCpuPercent,
      });
      alarm(`cache-memory-${n}`, {
        description: `Redis node ${n} uses more than ${t.cacheMemoryPercent}% of its memory. Check key expiry (TTL) and consider a larger node type.`,
        metric: cache.metricMemoryUsage(node),
        threshold: t.cacheMemoryPercent,
      });
      alarm(`cache-evictions-${n}`, {
        description: `Redis node ${n} evicts more than ${t.cacheEvictionsPerMinute} keys a minute: sessions may be lost. Check memory use and key expiry.`,
        metric: cache.metricEvictions(node),
        threshold: t.cacheEvictionsPerMinute,
      });
    });
  }
}
