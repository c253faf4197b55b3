import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { Route } from "@cdktf/provider-aws/lib/route";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Network, NetworkProps } from "../../../src/tiers/network/network";
import { naming, resources, synth } from "../../helpers";

function network(overrides: Partial<NetworkProps> = {}): string {
  return synth((scope) => {
    new Network(scope, "network", {
      naming,
      region: "eu-central-1",
      accountId: "111111111111",
      cidr: "10.0.0.0/16",
      azCount: 3,
      subnetNewBits: { private: 4, public: 8, isolated: 8 },
      natGateways: "perAz",
      interfaceEndpoints: false,
      logsKey: new KmsKey(scope, "key"),
      flowLogRetentionDays: 30,
      ...overrides,
    });
  });
}

describe("Network", () => {
  const json = network();

  it("creates the VPC from the CIDR with DNS on", () => {
    expect(json).toHaveResourceWithProperties(Vpc, { cidr_block: "10.0.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
  });

  it("creates a public, private and isolated subnet per AZ", () => {
    const subnets = resources(json, "aws_subnet");
    expect(subnets).toHaveLength(9);
    expect(subnets.map((s) => s.tags.Tier).sort()).toEqual(["isolated", "isolated", "isolated", "private", "private", "private", "public", "public", "public"]);
  });

  it("carves subnets deterministically", () => {
    const cidrs = resources(json, "aws_subnet").map((s) => s.cidr_block);
    expect(cidrs).toEqual(expect.arrayContaining(["10.0.0.0/20", "10.0.32.0/20", "10.0.96.0/24", "10.0.104.0/24"]));
  });

  it("gives no subnet public IPs on launch", () => {
    expect(resources(json, "aws_subnet").every((s) => s.map_public_ip_on_launch === false)).toBe(true);
  });

  it("creates one NAT gateway per AZ when asked", () => {
    expect(resources(json, "aws_nat_gateway")).toHaveLength(3);
  });

  it("creates a single NAT gateway that every private route table uses", () => {
    const single = network({ natGateways: "single" });
    expect(resources(single, "aws_nat_gateway")).toHaveLength(1);
    const natRoutes = resources(single, "aws_route").filter((r) => r.nat_gateway_id);
    expect(natRoutes).toHaveLength(3);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(1);
  });

  it("gives only public subnets IPv6 ranges, for the dual-stack load balancer", () => {
    const withIpv6 = resources(json, "aws_subnet").filter((s) => s.ipv6_cidr_block);
    expect(withIpv6.map((s) => s.tags.Tier)).toEqual(["public", "public", "public"]);
    expect(withIpv6[0].ipv6_cidr_block).toBe("${cidrsubnet(aws_vpc.network_vpc_4E8F0223.ipv6_cidr_block, 8, 0)}");
  });

  it("routes public subnets to the internet gateway", () => {
    expect(json).toHaveResourceWithProperties(Route, {
      destination_cidr_block: "0.0.0.0/0",
      gateway_id: expect.stringMatching(/^\$\{aws_internet_gateway\./),
    });
  });

  it("gives isolated subnets no route out", () => {
    const tables = resources(json, "aws_route_table").filter((t) => t.tags.Name.endsWith("-isolated"));
    expect(tables).toHaveLength(1);
    expect(resources(json, "aws_route")).toHaveLength(2 + 3);
  });

  it("strips every rule from the default security group", () => {
    expect(json).toHaveResourceWithProperties(DefaultSecurityGroup, { ingress: [], egress: [] });
  });

  it("logs all traffic to an encrypted log group with retention", () => {
    expect(json).toHaveResourceWithProperties(FlowLog, { traffic_type: "ALL", log_destination_type: "cloud-watch-logs" });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/notes/dev/vpc/flow-logs",
      retention_in_days: 30,
      kms_key_id: "${aws_kms_key.key.arn}",
    });
  });

  it("adds S3 and DynamoDB gateway endpoints on private and isolated route tables", () => {
    const gateways = resources(json, "aws_vpc_endpoint").filter((e) => e.vpc_endpoint_type === "Gateway");
    expect(gateways.map((e) => e.service_name).sort()).toEqual(["com.amazonaws.eu-central-1.dynamodb", "com.amazonaws.eu-central-1.s3"]);
    expect(gateways[0].route_table_ids).toHaveLength(4);
  });

  it("creates no interface endpoints when switched off", () => {
    expect(resources(json, "aws_vpc_endpoint").filter((e) => e.vpc_endpoint_type === "Interface")).toHaveLength(0);
  });

  it("creates interface endpoints with private DNS when switched on", () => {
    const endpoints = resources(network({ interfaceEndpoints: true }), "aws_vpc_endpoint").filter((e) => e.vpc_endpoint_type === "Interface");
    expect(endpoints.map((e) => e.service_name.split(".").slice(3).join(".")).sort()).toEqual(["ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm"]);
    expect(endpoints.every((e) => e.private_dns_enabled === true)).toBe(true);
  });
});
