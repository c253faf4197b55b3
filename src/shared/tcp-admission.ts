import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";

export interface TcpAdmissionProps {
  /** The group of the server that is reached (the database, the cache). */
  readonly server: SecurityGroup;
  /** The group of the clients that are let in (the app's tasks, a migration job). */
  readonly client: SecurityGroup;
  readonly port: number;
  /**
   * The server and the clients in words, for the rules' descriptions ("Database from app tasks",
   * "App tasks to database"). Security group rule descriptions allow only letters, digits, spaces
   * and ._-:/()#,@[]+=&;{}!$* (no apostrophe).
   */
  readonly serverName: string;
  readonly clientName: string;
}

/**
 * One TCP port from one security group to another, as the two rule resources it takes: ingress on
 * the server's group, and the matching egress on the client's (which allows nothing by default).
 */
export class TcpAdmission extends Construct {
  public readonly ingress: VpcSecurityGroupIngressRule;
  public readonly egress: VpcSecurityGroupEgressRule;

  constructor(scope: Construct, id: string, props: TcpAdmissionProps) {
    super(scope, id);
    const rule = { ipProtocol: "tcp", fromPort: props.port, toPort: props.port };
    this.ingress = new VpcSecurityGroupIngressRule(this, "ingress", {
      ...rule,
      description: `${props.serverName} from ${props.clientName}`,
      securityGroupId: props.server.id,
      referencedSecurityGroupId: props.client.id,
    });
    this.egress = new VpcSecurityGroupEgressRule(this, "egress", {
      ...rule,
      description: `${props.clientName} to ${props.serverName}`,
      securityGroupId: props.client.id,
      referencedSecurityGroupId: props.server.id,
    });
  }
}
