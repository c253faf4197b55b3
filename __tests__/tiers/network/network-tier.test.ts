import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { NetworkTier } from "../../../src/tiers/network/network-tier";
import { resources } from "../../helpers";
import { environment, synthTiers } from "../../support/tiers";

describe("NetworkTier", () => {
  const json = synthTiers("dev", (scope, context, config) => {
    new NetworkTier(scope, "network", { context, config: config.network });
  });

  it("builds the VPC with the configured address range", () => {
    expect(resources(json, "aws_vpc")[0].cidr_block).toBe(environment("dev").network.cidr);
  });

  it("gives the app's tasks a security group in the VPC", () => {
    expect(json).toHaveResourceWithProperties(SecurityGroup, {
      name_prefix: "notes-dev${local.workspace_suffix}-app-",
      vpc_id: expect.stringMatching(/^\$\{aws_vpc\./),
    });
  });

  it("leaves the app's security group without inline rules, for each tier to add its own", () => {
    const group = resources(json, "aws_security_group").find((g) => g.name_prefix.endsWith("-app-"));
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });
});
