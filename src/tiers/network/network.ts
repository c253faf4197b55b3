import { Construct } from "constructs";
import { Fn } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { SubnetTier, subnetLayout } from "../../config/subnet-layout";
import { Naming } from "../../naming";

/** Interface endpoints that keep image pulls, logs and secret reads off the NAT gateways. */
export const INTERFACE_ENDPOINT_SERVICES = ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm"] as const;

export interface NetworkProps {
  readonly naming: Naming;
  readonly region: string;
  readonly accountId: string;
  /** VPC address range; validated by the environment schema. */
  readonly cidr: string;
  /** Number of availability zones, 2 to 6. */
  readonly azCount: number;
  /** Extra prefix bits of each tier's subnets over the VPC's prefix. */
  readonly subnetNewBits: Record<SubnetTier, number>;
  /** One NAT gateway per AZ (survives an AZ loss) or a single one (cheaper). */
  readonly natGateways: "single" | "perAz";
  /** Create the interface endpoints in INTERFACE_ENDPOINT_SERVICES. */
  readonly interfaceEndpoints: boolean;
  /** Key that encrypts the flow log group; its policy must admit CloudWatch Logs. */
  readonly logsKey: KmsKey;
  /** Retention of the flow log group, in days CloudWatch accepts. */
  readonly flowLogRetentionDays: number;
}

/**
 * The VPC: public subnets (load balancer, NAT), private subnets (app tasks, egress through NAT) and
 * isolated subnets (data, no route to the internet) in each AZ, with flow logs and endpoints.
 */
export class Network extends Construct {
  public readonly vpc: Vpc;
  public readonly publicSubnets: Subnet[];
  public readonly privateSubnets: Subnet[];
  public readonly isolatedSubnets: Subnet[];
  public readonly natGateways: NatGateway[];
  public readonly flowLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { naming } = props;
    const layout = subnetLayout(props.cidr, props.subnetNewBits);

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      // IPv6 serves the load balancer's AAAA records; only public subnets get IPv6 ranges.
      assignGeneratedIpv6CidrBlock: true,
      tags: { Name: naming.name("tag", "vpc") },
    });

    // Lock the default security group: anything that forgets its own group gets no traffic.
    const defaultSg = new DefaultSecurityGroup(this, "default-sg", { vpcId: this.vpc.id, ingress: [], egress: [] });
    // cdktf's HCL renders an empty list of blocks as nothing (unmanaged); these make it `= []`.
    defaultSg.addOverride("ingress", []);
    defaultSg.addOverride("egress", []);

    const zones = new DataAwsAvailabilityZones(this, "zones", {
      state: "available",
      filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
    });
    const azs = Array.from({ length: props.azCount }, (_, i) => Fn.element(zones.names, i));

    const subnets = (tier: SubnetTier) =>
      azs.map(
        (az, i) =>
          new Subnet(this, `${tier}-${i}`, {
            vpcId: this.vpc.id,
            cidrBlock: layout[tier][i],
            availabilityZone: az,
            mapPublicIpOnLaunch: false,
            ...(tier === "public" ? { ipv6CidrBlock: Fn.cidrsubnet(this.vpc.ipv6CidrBlock, 8, i), assignIpv6AddressOnCreation: false } : {}),
            tags: { Name: naming.name("tag", tier, String(i)), Tier: tier },
          }),
      );
    this.publicSubnets = subnets("public");
    this.privateSubnets = subnets("private");
    this.isolatedSubnets = subnets("isolated");

    const igw = new InternetGateway(this, "igw", { vpcId: this.vpc.id, tags: { Name: naming.name("tag", "igw") } });
    const publicRoutes = new RouteTable(this, "public-rt", { vpcId: this.vpc.id, tags: { Name: naming.name("tag", "public") } });
    new Route(this, "public-default-route", { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
    new Route(this, "public-default-route-ipv6", { routeTableId: publicRoutes.id, destinationIpv6CidrBlock: "::/0", gatewayId: igw.id });
    this.publicSubnets.forEach((s, i) => new RouteTableAssociation(this, `public-rta-${i}`, { subnetId: s.id, routeTableId: publicRoutes.id }));

    const natCount = props.natGateways === "perAz" ? props.azCount : 1;
    this.natGateways = Array.from({ length: natCount }, (_, i) => {
      const eip = new Eip(this, `nat-eip-${i}`, { domain: "vpc", tags: { Name: naming.name("tag", "nat", String(i)) } });
      return new NatGateway(this, `nat-${i}`, {
        allocationId: eip.allocationId,
        subnetId: this.publicSubnets[i].id,
        tags: { Name: naming.name("tag", "nat", String(i)) },
        dependsOn: [igw],
      });
    });

    const privateRoutes = this.privateSubnets.map((s, i) => {
      const table = new RouteTable(this, `private-rt-${i}`, { vpcId: this.vpc.id, tags: { Name: naming.name("tag", "private", String(i)) } });
      new Route(this, `private-default-route-${i}`, {
        routeTableId: table.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: this.natGateways[i % natCount].id,
      });
      new RouteTableAssociation(this, `private-rta-${i}`, { subnetId: s.id, routeTableId: table.id });
      return table;
    });

    // Isolated subnets have no default route at all: the data tier can reach only the VPC.
    const isolatedRoutes = new RouteTable(this, "isolated-rt", { vpcId: this.vpc.id, tags: { Name: naming.name("tag", "isolated") } });
    this.isolatedSubnets.forEach((s, i) => new RouteTableAssociation(this, `isolated-rta-${i}`, { subnetId: s.id, routeTableId: isolatedRoutes.id }));

    const gatewayRouteTables = [...privateRoutes, isolatedRoutes].map((t) => t.id);
    for (const service of ["s3", "dynamodb"]) {
      new VpcEndpoint(this, `${service}-endpoint`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Gateway",
        routeTableIds: gatewayRouteTables,
        tags: { Name: naming.name("tag", service) },
      });
    }

    if (props.interfaceEndpoints) {
      const endpointSg = new SecurityGroup(this, "endpoints-sg", {
        namePrefix: naming.namePrefix("securityGroup", "endpoints"),
        description: "HTTPS from inside the VPC to the interface endpoints",
        vpcId: this.vpc.id,
        ingress: [{ description: "HTTPS from the VPC", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [props.cidr] }],
        egress: [],
        lifecycle: { createBeforeDestroy: true },
      });
      endpointSg.addOverride("egress", []);
      for (const service of INTERFACE_ENDPOINT_SERVICES) {
        new VpcEndpoint(this, `${service.replace(".", "-")}-endpoint`, {
          vpcId: this.vpc.id,
          serviceName: `com.amazonaws.${props.region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: this.privateSubnets.map((s) => s.id),
          securityGroupIds: [endpointSg.id],
          tags: { Name: naming.name("tag", service.replace(".", "-")) },
        });
      }
    }

    this.flowLogGroup = new CloudwatchLogGroup(this, "flow-logs", {
      name: naming.logGroup("vpc", "flow-logs"),
      retentionInDays: props.flowLogRetentionDays,
      kmsKeyId: props.logsKey.arn,
    });
    const trust = new DataAwsIamPolicyDocument(this, "flow-logs-trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] }],
        },
      ],
    });
    const role = new IamRole(this, "flow-logs-role", { name: naming.name("iamRole", "vpc-flow-logs"), assumeRolePolicy: trust.json });
    const write = new DataAwsIamPolicyDocument(this, "flow-logs-write", {
      statement: [
        {
          actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          resources: [this.flowLogGroup.arn, `${this.flowLogGroup.arn}:*`],
        },
      ],
    });
    const flowLogsPolicy = new IamRolePolicy(this, "flow-logs-policy", { name: "write-flow-logs", role: role.id, policy: write.json });
    new FlowLog(this, "flow-log", {
      vpcId: this.vpc.id,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: this.flowLogGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      // A flow log created before its role may write stays in "Access error".
      dependsOn: [flowLogsPolicy],
    });
  }
}
