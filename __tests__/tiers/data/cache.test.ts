import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { ElasticacheUser } from "@cdktf/provider-aws/lib/elasticache-user";
import { ElasticacheUserGroup } from "@cdktf/provider-aws/lib/elasticache-user-group";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Cache, CacheProps } from "../../../src/tiers/data/cache";
import { CacheConfig } from "../../../src/config/schema";
import { naming, parsed, resources, synth } from "../../helpers";

const single: CacheConfig = {
  engine: "valkey",
  engineVersion: "8.0",
  nodeType: "cache.t4g.micro",
  replicas: 0,
  multiAz: false,
  snapshotRetentionDays: 1,
  snapshotWindow: "00:00-01:00",
  maintenanceWindow: "sun:04:00-sun:05:00",
};
const multiAz: CacheConfig = { ...single, engine: "redis", engineVersion: "7.1", replicas: 2, multiAz: true, snapshotRetentionDays: 14 };

function cache(settings: CacheConfig, overrides: Partial<CacheProps> = {}, extra?: (cache: Cache, scope: Construct) => void): string {
  return synth((scope) => {
    const subnets = [0, 1].map((i) => new Subnet(scope, `isolated-${i}`, { vpcId: "vpc-1", cidrBlock: `10.0.${i}.0/24` }));
    const c = new Cache(scope, "cache", {
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
    extra?.(c, scope);
  });
}

const group = (json: string) => resources(json, "aws_elasticache_replication_group")[0];

describe("Cache", () => {
  const json = cache(single);

  it("runs the configured engine, version and node type", () => {
    expect(json).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      replication_group_id: "notes-dev-cache",
      engine: "valkey",
      engine_version: "8.0",
      node_type: "cache.t4g.micro",
      port: 6379,
      num_cache_clusters: 1,
    });
  });

  it("lives in the isolated subnets", () => {
    expect(json).toHaveResourceWithProperties(ElasticacheSubnetGroup, { subnet_ids: ["${aws_subnet.isolated-0.id}", "${aws_subnet.isolated-1.id}"] });
  });

  it("admits only the app's tasks, on the Redis port", () => {
    const ingress = resources(json, "aws_vpc_security_group_ingress_rule");
    expect(ingress).toHaveLength(1);
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: "${aws_security_group.cache_sg_752835DD.id}",
      referenced_security_group_id: "${aws_security_group.app-sg.id}",
      from_port: 6379,
      to_port: 6379,
    });
    expect(group(json).security_group_ids).toEqual(["${aws_security_group.cache_sg_752835DD.id}"]);
  });

  it("lets the app's tasks out to the cache", () => {
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      security_group_id: "${aws_security_group.app-sg.id}",
      referenced_security_group_id: "${aws_security_group.cache_sg_752835DD.id}",
      from_port: 6379,
    });
  });

  it("requires TLS and encrypts at rest with its own key", () => {
    expect(json).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      transit_encryption_enabled: true,
      transit_encryption_mode: "required",
      at_rest_encryption_enabled: "true",
      kms_key_id: "${aws_kms_key.cache_key_85736327.arn}",
    });
  });

  it("has no failover with a single node", () => {
    expect(group(json)).toMatchObject({ automatic_failover_enabled: false, multi_az_enabled: false });
  });

  it("fails over across AZs to a replica when Multi-AZ", () => {
    expect(group(cache(multiAz))).toMatchObject({ automatic_failover_enabled: true, multi_az_enabled: true, num_cache_clusters: 3, engine: "redis" });
  });

  it("keeps snapshots as configured, apart from the maintenance window", () => {
    expect(group(json)).toMatchObject({ snapshot_retention_limit: 1, snapshot_window: "00:00-01:00", maintenance_window: "sun:04:00-sun:05:00" });
  });

  it("sends the slow and engine logs to encrypted log groups with retention", () => {
    for (const name of ["slow", "engine"]) {
      expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: `/notes/dev/cache/${name}`,
        retention_in_days: 30,
        kms_key_id: "${aws_kms_key.logs-key.arn}",
      });
    }
    expect(group(json).log_delivery_configuration.map((l: any) => [l.log_type, l.destination_type, l.log_format])).toEqual([
      ["slow-log", "cloudwatch-logs", "json"],
      ["engine-log", "cloudwatch-logs", "json"],
    ]);
  });

  it("authenticates the app with IAM: a user without password, named as its id", () => {
    expect(json).toHaveResourceWithProperties(ElasticacheUser, {
      user_id: "notes-dev-cache-app",
      user_name: "notes-dev-cache-app",
      authentication_mode: { type: "iam" },
      access_string: "on ~* +@all -@dangerous",
    });
  });

  it("switches the default user off, without a password", () => {
    expect(json).toHaveResourceWithProperties(ElasticacheUser, {
      user_id: "notes-dev-cache-default",
      user_name: "default",
      access_string: "off -@all",
      authentication_mode: { type: "no-password-required" },
    });
  });

  it("attaches a user group of the default and the app's user, and no auth token", () => {
    expect(json).toHaveResourceWithProperties(ElasticacheUserGroup, {
      user_group_id: "notes-dev-cache",
      user_ids: ["${aws_elasticache_user.cache_default-user_25F2A90A.user_id}", "${aws_elasticache_user.cache_app-user_A79268DA.user_id}"],
    });
    expect(group(json).user_group_ids).toEqual(["${aws_elasticache_user_group.cache_users_DDAD368D.user_group_id}"]);
    expect(group(json)).not.toHaveProperty("auth_token");
    expect(resources(json, "aws_elasticache_user").every((u) => !("passwords" in u) && !("passwords" in (u.authentication_mode ?? {})))).toBe(true);
  });

  it("keeps a final snapshot and refuses destruction when protected", () => {
    expect(group(json)).not.toHaveProperty("final_snapshot_identifier");
    expect(group(cache(multiAz, { protect: true }))).toMatchObject({
      final_snapshot_identifier: "notes-dev-cache-final",
      lifecycle: { prevent_destroy: true },
    });
  });

  it("hands the app typed references: endpoint, port, user", () => {
    const outputs = parsed(
      cache(single, {}, (c, scope) => {
        new TerraformOutput(scope, "endpoint", { value: c.endpoint });
        new TerraformOutput(scope, "port", { value: c.port });
        new TerraformOutput(scope, "user", { value: c.userId });
      }),
    ).output;
    expect(outputs).toEqual({
      endpoint: { value: "${aws_elasticache_replication_group.cache_redis_F9D2CAF5.primary_endpoint_address}" },
      port: { value: 6379 },
      user: { value: "${aws_elasticache_user.cache_app-user_A79268DA.user_id}" },
    });
  });
});
