import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { ElasticacheUser } from "@cdktf/provider-aws/lib/elasticache-user";
import { ElasticacheUserGroup } from "@cdktf/provider-aws/lib/elasticache-user-group";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { CacheConfig } from "../../config/schema";
import { Naming } from "../../naming";
import { Metric, MetricStat } from "../../shared/alarm";
import { EncryptionKey } from "../../shared/encryption-key";
import { TcpAdmission } from "../../shared/tcp-admission";

export const CACHE_PORT = 6379;

export interface CacheProps {
  readonly naming: Naming;
  readonly accountId: string;
  /** Engine, version, size, replicas and windows; validated by the environment schema. */
  readonly settings: CacheConfig;
  readonly vpcId: string;
  /** Subnets with no route out (the isolated tier), one per AZ. */
  readonly subnets: Subnet[];
  /** The app's tasks: the only clients at first. More are let in with `allowFrom`. */
  readonly appSecurityGroup: SecurityGroup;
  /** Key of the log groups; its policy must admit CloudWatch Logs. */
  readonly logsKey: KmsKey;
  /** Retention of the slow and engine logs, in days CloudWatch accepts. */
  readonly logRetentionDays: number;
  /**
   * prevent_destroy, and a final snapshot when the replication group is deleted.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * What the app's user may do (an ACL access string); the default forbids the dangerous commands
   * (FLUSHALL, KEYS, CONFIG, ...).
   * @default "on ~* +@all -@dangerous"
   */
  readonly appAccessString?: string;
}

/**
 * Redis OSS or Valkey for sessions and cache: a replication group in the isolated subnets,
 * reachable only from admitted security groups, TLS required, encrypted at rest with its own key,
 * failing over across AZs where configured, snapshotted, logging to encrypted log groups.
 * Authentication is IAM only: the app's user has no password, so there is no token in config,
 * plan or state; the default user is switched off.
 */
export class Cache extends Construct {
  public readonly kmsKey: KmsKey;
  public readonly securityGroup: SecurityGroup;
  public readonly replicationGroup: ElasticacheReplicationGroup;
  /** Primary endpoint (writes); `readerEndpoint` spreads reads over the replicas. */
  public readonly endpoint: string;
  public readonly readerEndpoint: string;
  public readonly port = CACHE_PORT;
  /**
   * The app's user (IAM authentication): connect as this user name with an IAM auth token; the
   * app's role needs `elasticache:Connect` on both `userArn` and `arn`.
   */
  public readonly userId: string;
  public readonly userArn: string;
  /** ARN of the replication group. */
  public readonly arn: string;
  public readonly logGroups: CloudwatchLogGroup[];
  /** The nodes, primary first, as CloudWatch names them (`<group>-001`, `-002`, ...): ElastiCache reports per node. */
  public readonly nodes: string[];

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id);
    const { naming, settings } = props;
    const protect = props.protect ?? true;

    this.kmsKey = new EncryptionKey(this, "key", { naming, purpose: "cache", accountId: props.accountId, protect }).key;

    this.securityGroup = new SecurityGroup(this, "sg", {
      namePrefix: naming.namePrefix("securityGroup", "cache"),
      description: "Redis: its port from admitted security groups only",
      vpcId: props.vpcId,
      lifecycle: { createBeforeDestroy: true },
    });
    this.allowFrom("app", props.appSecurityGroup, "app tasks");

    const subnetGroup = new ElasticacheSubnetGroup(this, "subnets", {
      name: naming.name("elasticacheSubnetGroup", "cache"),
      description: "Isolated subnets of every AZ",
      subnetIds: props.subnets.map((s) => s.id),
    });

    // Users and their group are of engine "redis" for Valkey too: ElastiCache documents that, and a
    // "valkey" group would refuse the password-less default user below.
    const defaultUser = new ElasticacheUser(this, "default-user", {
      // Every user group must hold a user named "default"; this one is switched off.
      userId: naming.name("elasticacheUser", "cache-default"),
      userName: "default",
      engine: "redis",
      accessString: "off -@all",
      authenticationMode: { type: "no-password-required" },
    });
    const appUserId = naming.name("elasticacheUser", "cache-app");
    const appUser = new ElasticacheUser(this, "app-user", {
      userId: appUserId,
      // IAM authentication requires the user name to equal the user id.
      userName: appUserId,
      engine: "redis",
      accessString: props.appAccessString ?? "on ~* +@all -@dangerous",
      authenticationMode: { type: "iam" },
    });
    const users = new ElasticacheUserGroup(this, "users", {
      userGroupId: naming.name("elasticacheUserGroup", "cache"),
      engine: "redis",
      userIds: [defaultUser.userId, appUser.userId],
    });

    const logs = [
      { type: "slow-log", name: "slow" },
      { type: "engine-log", name: "engine" },
    ];
    this.logGroups = logs.map(
      (log) =>
        new CloudwatchLogGroup(this, `log-${log.name}`, {
          name: naming.logGroup("cache", log.name),
          retentionInDays: props.logRetentionDays,
          kmsKeyId: props.logsKey.arn,
        }),
    );

    this.replicationGroup = new ElasticacheReplicationGroup(this, "redis", {
      replicationGroupId: naming.name("elasticacheReplicationGroup", "cache"),
      description: `${naming.prefix} sessions and cache`,
      engine: settings.engine,
      engineVersion: settings.engineVersion,
      nodeType: settings.nodeType,
      port: CACHE_PORT,
      numCacheClusters: 1 + settings.replicas,
      automaticFailoverEnabled: settings.multiAz,
      multiAzEnabled: settings.multiAz,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [this.securityGroup.id],
      atRestEncryptionEnabled: "true",
      kmsKeyId: this.kmsKey.arn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      userGroupIds: [users.userGroupId],
      snapshotRetentionLimit: settings.snapshotRetentionDays,
      snapshotWindow: settings.snapshotWindow,
      maintenanceWindow: settings.maintenanceWindow,
      autoMinorVersionUpgrade: "true",
      finalSnapshotIdentifier: protect ? naming.name("elasticacheSnapshot", "cache", "final") : undefined,
      logDeliveryConfiguration: logs.map((log, i) => ({
        destinationType: "cloudwatch-logs",
        destination: this.logGroups[i].name,
        logFormat: "json",
        logType: log.type,
      })),
      lifecycle: { preventDestroy: protect },
    });

    this.endpoint = this.replicationGroup.primaryEndpointAddress;
    this.readerEndpoint = this.replicationGroup.readerEndpointAddress;
    this.arn = this.replicationGroup.arn;
    this.nodes = Array.from({ length: 1 + settings.replicas }, (_, i) => `${this.replicationGroup.replicationGroupId}-${String(i + 1).padStart(3, "0")}`);
    this.userId = appUser.userId;
    this.userArn = appUser.arn;
  }

  /**
   * Lets `client` reach the Redis port (an ingress rule here, the matching egress rule on the
   * client's group). `clientName` names the clients in the rules' descriptions (letters, digits,
   * spaces; no apostrophe).
   */
  public allowFrom(id: string, client: SecurityGroup, clientName: string): TcpAdmission {
    return new TcpAdmission(this, `allow-${id}`, { server: this.securityGroup, client, port: CACHE_PORT, serverName: "Redis", clientName });
  }

  private metric(node: string, metricName: string, stat: MetricStat): Metric {
    return { namespace: "AWS/ElastiCache", metricName, dimensions: { CacheClusterId: node }, stat };
  }

  /** A node's engine CPU use (%). */
  public metricEngineCpu(node: string): Metric {
    return this.metric(node, "EngineCPUUtilization", "Average");
  }

  /** A node's share of its memory in use (%). */
  public metricMemoryUsage(node: string): Metric {
    return this.metric(node, "DatabaseMemoryUsagePercentage", "Average");
  }

  /** Keys a node evicted. */
  public metricEvictions(node: string): Metric {
    return this.metric(node, "Evictions", "Sum");
  }
}
