import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { EnvironmentConfig } from "../../config/schema";
import { PlatformContext } from "../../context";
import { TcpAdmission } from "../../shared/tcp-admission";
import { NetworkTier } from "../network/network-tier";
import { DashboardSection } from "../observability/dashboard";
import { Backup } from "./backup";
import { Cache } from "./cache";
import { DataAlarms } from "./data-alarms";
import { Database } from "./database";

/** The data tier's stores, for `allowFrom`. */
export type DataStore = "database" | "cache";

export interface DataTierProps {
  readonly context: PlatformContext;
  /** `database`, `cache`, `backup`; the alarm thresholds. */
  readonly config: Pick<EnvironmentConfig, "database" | "cache" | "backup" | "observability">;
  /** The isolated subnets, and the app's tasks: the only clients at first. */
  readonly network: NetworkTier;
}

/**
 * The database and Redis in the isolated subnets, reachable from the app's tasks only (more with
 * `allowFrom`), the database's backups copied to the DR region, and their alarms.
 */
export class DataTier extends Construct {
  public readonly database: Database;
  public readonly cache: Cache;
  public readonly backup: Backup;
  public readonly alarms: DataAlarms;
  private readonly region: string;

  constructor(scope: Construct, id: string, props: DataTierProps) {
    super(scope, id);
    const { context, network, config } = props;
    const { naming, accountId, protect } = context;
    this.region = context.region;
    const common = {
      naming,
      accountId,
      vpcId: network.network.vpc.id,
      subnets: network.network.isolatedSubnets,
      appSecurityGroup: network.appSecurityGroup,
      logsKey: context.logsKey.key,
      logRetentionDays: context.logRetentionDays,
      protect,
    };
    this.database = new Database(this, "database", { ...common, settings: config.database });
    this.cache = new Cache(this, "cache", { ...common, settings: config.cache });
    this.backup = new Backup(this, "backup", {
      naming,
      accountId,
      settings: config.backup,
      drProvider: context.drProvider,
      resources: [this.database.arn],
      notificationsTopic: context.alarms.topic,
      protect,
    });
    this.alarms = new DataAlarms(this, "alarms", {
      naming,
      database: this.database,
      cache: this.cache,
      thresholds: config.observability.thresholds,
      actions: context.alarmActions,
    });
  }

  /**
   * Lets `client` reach the given stores' ports, e.g. the delivery tier's migration job.
   * `clientName` names the clients in the rules' descriptions (letters, digits, spaces).
   */
  public allowFrom(id: string, client: SecurityGroup, clientName: string, stores: readonly DataStore[]): TcpAdmission[] {
    return stores.map((store) => this[store].allowFrom(id, client, clientName));
  }

  /**
   * Lets `role` connect as the app does: read the database's master secret (which rotates, so it
   * is read at connect time) and decrypt it through Secrets Manager, and IAM-authenticate to Redis.
   */
  public grantConnect(role: IamRole): IamRolePolicy {
    const id = `${role.node.id}-connect`;
    const statement = [
      { sid: "ReadDatabaseSecret", actions: ["secretsmanager:GetSecretValue"], resources: [this.database.masterUserSecretArn] },
      {
        sid: "DecryptDatabaseSecret",
        actions: ["kms:Decrypt"],
        resources: [this.database.kmsKey.arn],
        condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`secretsmanager.${this.region}.amazonaws.com`] }],
      },
      { sid: "ConnectToCache", actions: ["elasticache:Connect"], resources: [this.cache.arn, this.cache.userArn] },
    ];
    return new IamRolePolicy(this, id, {
      name: "data-access",
      role: role.id,
      policy: new DataAwsIamPolicyDocument(this, `${id}-permissions`, { statement }).json,
    });
  }

  /**
   * Where the data tier is, as a client's environment variables; credentials by reference only
   * (the secret's ARN: the client reads it when it connects).
   */
  public clientEnvironment(): Record<string, string> {
    return {
      DATABASE_HOST: this.database.endpoint,
      DATABASE_PORT: String(this.database.port),
      DATABASE_NAME: this.database.databaseName,
      DATABASE_SECRET_ARN: this.database.masterUserSecretArn,
      REDIS_HOST: this.cache.endpoint,
      REDIS_PORT: String(this.cache.port),
      REDIS_USER: this.cache.userId,
      REDIS_TLS: "true",
    };
  }

  /** Keys a client must decrypt with to read the data tier's secrets. */
  public get secretKeyArns(): string[] {
    return [this.database.kmsKey.arn];
  }

  /** Database CPU and connections, Redis engine CPU and memory. */
  public dashboardSection(): DashboardSection {
    const { database, cache } = this;
    return {
      title: "Database and Redis",
      graphs: [
        { type: "graph", title: "Database CPU (%)", metrics: [database.metricCpu()] },
        { type: "graph", title: "Database connections", metrics: [database.metricConnections()] },
        {
          type: "graph",
          title: "Redis engine CPU and memory (%)",
          metrics: cache.nodes.flatMap((node) => [cache.metricEngineCpu(node), cache.metricMemoryUsage(node)]),
        },
      ],
      alarmArns: this.alarms.alarms.map((a) => a.arn),
    };
  }
}
