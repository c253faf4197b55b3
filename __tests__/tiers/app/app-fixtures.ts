import { Construct } from "constructs";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { naming } from "../../helpers";
import { Ec2Capacity, Ec2CapacityProps } from "../../../src/tiers/app/ec2-capacity";

/** EC2 hosts for a cluster, as the app tier creates them for dev (the write-up's two tasks per host). */
export function buildCapacity(scope: Construct, overrides: Partial<Ec2CapacityProps> = {}): Ec2Capacity {
  const vpc = new Vpc(scope, "vpc", { cidrBlock: "10.0.0.0/16" });
  return new Ec2Capacity(scope, "hosts", {
    naming,
    cluster: new EcsCluster(scope, "cluster", { name: "notes-dev-app" }),
    vpc,
    subnets: [0, 1].map((i) => new Subnet(scope, `private-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24` })),
    instanceTypes: ["t4g.small"],
    cpuArchitecture: "ARM64",
    minHosts: 1,
    maxHosts: 2,
    onDemandBase: 0,
    onDemandPercentAboveBase: 0,
    spotAllocationStrategy: "price-capacity-optimized",
    targetCapacityPercent: 100,
    ...overrides,
  });
}
