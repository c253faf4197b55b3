import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { environmentNames } from "../config/dns-schema";
import { EnvironmentConfig, StateConfig } from "../config/schema";
import { DnsRecordWriter } from "../access/dns-record-writer";
import { PlatformStack, platformTags } from "./platform-stack";

/**
 * The platform's public hosted zone, in its account (`state.dns`), and per environment the role
 * `<project>-<env>-dns` that environment's stack writes its records through. Applied by an
 * administrator of the zone's account (like the ci-<env> stacks), after the ci-<env> stacks and
 * before the environments, and again when an environment or one of its names is added. Its state
 * sits beside the environments'.
 */
export class DnsStack extends PlatformStack {
  /** The zone's ARN: the record writers may touch no other. */
  public readonly zoneArn: string;
  public readonly writers: Record<string, DnsRecordWriter>;

  /** `environments`: every environment (each gets its role); `repository`: `owner/name`, for tags. */
  constructor(scope: Construct, id: string, state: StateConfig, environments: readonly EnvironmentConfig[], repository: string) {
    const { dns } = state;
    super(scope, id, {
      backend: { remote: state, key: `${id}.tfstate` },
      region: state.region,
      accountId: dns.accountId,
      tags: platformTags(state.project, id, repository),
    });
    // Every environment's records are in it: it outlives any of them.
    const zone = dns.createZone
      ? new Route53Zone(this, "zone", { name: dns.zone, comment: `${state.project}: every environment's names`, lifecycle: { preventDestroy: true } })
      : new DataAwsRoute53Zone(this, "zone", { name: dns.zone, privateZone: false });
    this.zoneArn = zone.arn;

    const names = (env: EnvironmentConfig) => environmentNames(env).map((n) => n.name);
    this.writers = Object.fromEntries(
      environments.map((env) => [
        env.name,
        new DnsRecordWriter(this, `writer-${env.name}`, {
          project: env.project,
          environment: env.name,
          environmentAccountId: env.accountId,
          operatorRoles: dns.operatorRoles,
          zoneArn: this.zoneArn,
          names: names(env),
          workspaceCopies: env.workspaces.allowNonDefault,
          otherEnvironmentNames: environments.filter((other) => other.name !== env.name).flatMap(names),
        }),
      ]),
    );

    new TerraformOutput(this, "zone_id", { value: zone.zoneId });
    new TerraformOutput(this, "name_servers", {
      value: zone.nameServers,
      description: "Where the domain's registrar (or the parent zone) must delegate the domain to, once, when the zone is created here",
    });
    new TerraformOutput(this, "record_writer_role_arns", {
      value: Object.fromEntries(Object.entries(this.writers).map(([env, writer]) => [env, writer.role.arn])),
    });
  }
}
