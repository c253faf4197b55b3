import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { EnvironmentConfig } from "../../config/schema";
import { PlatformContext } from "../../context";
import { Network } from "./network";

export interface NetworkTierProps {
  readonly context: PlatformContext;
  readonly config: EnvironmentConfig["network"];
}

/** The VPC every other tier sits in, and the app tasks' security group the tiers admit each other through. */
export class NetworkTier extends Construct {
  public readonly network: Network;
  /**
   * The app's tasks. Created here, with no rules, so that each tier adds the rules for its own
   * traffic (the load balancer's ingress, the database's and cache's) as separate rule resources.
   */
  public readonly appSecurityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkTierProps) {
    super(scope, id);
    const { context, config } = props;
    this.network = new Network(this, "vpc", {
      naming: context.naming,
      region: context.region,
      accountId: context.accountId,
      cidr: config.cidr,
      azCount: config.azCount,
      subnetNewBits: config.subnetNewBits,
      natGateways: config.natGateways,
      interfaceEndpoints: config.interfaceEndpoints,
      logsKey: context.logsKey.key,
      flowLogRetentionDays: config.flowLogRetentionDays,
    });
    this.appSecurityGroup = new SecurityGroup(this, "app-sg", {
      namePrefix: context.naming.namePrefix("securityGroup", "app"),
      description: "The app tasks",
      vpcId: this.network.vpc.id,
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
