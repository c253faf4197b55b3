import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { TerraformOutput } from "cdktf";
import { PlatformContext } from "../../../src/context";
import { DataTier } from "../../../src/tiers/data/data-tier";
import { NetworkTier } from "../../../src/tiers/network/network-tier";
import { parsed, resources } from "../../helpers";
import { synthTiers } from "../../support/tiers";

// One synthesis for every test: a job admitted to the database and a client role granted access.
// The handles the app tier takes are written as outputs, to see what they resolve to.
const held: { data?: DataTier; context?: PlatformContext } = {};
const json = synthTiers("dev", (scope, context, config) => {
  const network = new NetworkTier(scope, "network", { context, config: config.network });
  const tier = new DataTier(scope, "data", { context, config, network });
  tier.allowFrom("job", new SecurityGroup(scope, "job-sg", { name: "job" }), "a job", ["database"]);
  tier.grantConnect(new IamRole(scope, "client", { name: "client", assumeRolePolicy: "{}" }));
  const { database, cache } = tier;
  const handles = {
    dbEndpoint: database.endpoint,
    dbName: database.databaseName,
    dbSecret: database.masterUserSecretArn,
    cacheEndpoint: cache.endpoint,
    cacheUser: cache.userId,
  };
  for (const [id, value] of Object.entries(handles)) new TerraformOutput(scope, `handle-${id}`, { value });
  Object.assign(held, { data: tier, context });
});
const data = held.data as DataTier;
const output = (id: string): unknown => parsed(json).output[`handle-${id}`].value;

const ingress = (json: string, port: number) =>
  resources(json, "aws_vpc_security_group_ingress_rule")
    .filter((r) => r.from_port === port)
    .map((r) => r.description);

describe("DataTier", () => {
  it("admits the app's tasks to the database and the cache", () => {
    expect(ingress(json, 5432)).toContain("database from app tasks");
    expect(ingress(json, 6379)).toEqual(["Redis from app tasks"]);
  });

  it("backs up the database and notifies the alarm topic", () => {
    expect(resources(json, "aws_backup_selection")[0].resources).toEqual([expect.stringMatching(/^\$\{aws_db_instance\.data_database_instance_/)]);
    expect(data.backup.notificationsTopic.node.path).toMatch(/alarms\/topic$/);
  });

  it("alarms on each Redis node", () => {
    const names = resources(json, "aws_cloudwatch_metric_alarm").map((a) => a.alarm_name);
    expect(names.filter((n) => /cache-cpu-\d$/.test(n))).toHaveLength(data.cache.nodes.length);
  });

  it("tells clients where it is, credentials by reference only", () => {
    expect(Object.keys(data.clientEnvironment())).toEqual([
      "DATABASE_HOST",
      "DATABASE_PORT",
      "DATABASE_NAME",
      "DATABASE_SECRET_ARN",
      "REDIS_HOST",
      "REDIS_PORT",
      "REDIS_USER",
      "REDIS_TLS",
    ]);
    expect(data.clientEnvironment().DATABASE_PORT).toBe("5432");
  });

  it("contributes database and Redis graphs and its alarms to the dashboard", () => {
    const section = data.dashboardSection();
    expect(section.graphs.map((g) => g.title)).toEqual(["Database CPU (%)", "Database connections", "Redis engine CPU and memory (%)"]);
    expect(section.alarmArns).toHaveLength(data.alarms.alarms.length);
  });
});

describe("DataTier.allowFrom", () => {
  it("admits the client to the stores asked for", () => {
    expect(ingress(json, 5432)).toContain("database from a job");
  });

  it("leaves the other stores closed to it", () => {
    expect(ingress(json, 6379)).not.toContain("Redis from a job");
  });
});

describe("DataTier.grantConnect", () => {
  const documents = parsed(json).data.aws_iam_policy_document;
  const grant = Object.entries<any>(documents).find(([address]) => address.startsWith("data_client-connect"))?.[1];

  it("attaches the grant to the role", () => {
    expect(json).toHaveResourceWithProperties(IamRolePolicy, { name: "data-access", role: "${aws_iam_role.client.id}" });
  });

  it("lets the role read the database secret, decrypt it through Secrets Manager and connect to Redis", () => {
    expect(grant.statement.map((s: any) => s.sid)).toEqual(["ReadDatabaseSecret", "DecryptDatabaseSecret", "ConnectToCache"]);
    expect(grant.statement[1].condition[0]).toMatchObject({ variable: "kms:ViaService", values: ["secretsmanager.eu-central-1.amazonaws.com"] });
  });
});

describe("DataTier handles for the app tier", () => {
  const { database, cache, backup } = data;

  it("exposes the database endpoint, name and secret ARN as references to its instance", () => {
    const instance = `aws_db_instance.${database.instance?.friendlyUniqueId}`;
    expect([output("dbEndpoint"), output("dbName"), output("dbSecret")]).toEqual([
      `\${${instance}.address}`,
      `\${${instance}.db_name}`,
      `\${${instance}.master_user_secret[0].secret_arn}`,
    ]);
  });

  it("exposes the database port", () => {
    expect(database.port).toBe(5432);
  });

  it("exposes the cache endpoint and IAM user as references to its resources", () => {
    expect([output("cacheEndpoint"), output("cacheUser")]).toEqual([
      `\${aws_elasticache_replication_group.${cache.replicationGroup.friendlyUniqueId}.primary_endpoint_address}`,
      expect.stringMatching(/^\$\{aws_elasticache_user\.data_cache_app-user_[0-9A-F]{8}\.user_id\}$/),
    ]);
    expect(cache.port).toBe(6379);
  });

  it("notifies the alarm topic of the backup vaults' events", () => {
    expect(backup.notificationsTopic).toBe(held.context?.alarms.topic);
  });

  it("keeps the DR vault in the DR region", () => {
    expect(backup.drVault.provider).toBe(held.context?.drProvider);
  });
});
