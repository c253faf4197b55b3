import { carve, Cidr, formatCidr, parseCidr } from "./cidr";

/** Subnet tiers, in the order their address blocks are carved from the VPC CIDR. */
export const SUBNET_TIERS = ["private", "public", "isolated"] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/**
 * Address blocks are reserved for this many AZs in every tier, whatever azCount is, so that adding
 * an AZ later never moves (and so never replaces) an existing subnet.
 */
export const RESERVED_AZ_SLOTS = 6;

export type SubnetLayout = Record<SubnetTier, string[]>;

/**
 * The CIDR of every subnet slot, per tier, indexed by AZ. Throws if the VPC is too small or a
 * subnet smaller than /28; the schema reports that as a configuration error first.
 */
export function subnetLayout(vpcCidr: string, newBits: Record<SubnetTier, number>): SubnetLayout {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`invalid VPC CIDR ${vpcCidr}`);
  const prefixes = SUBNET_TIERS.flatMap((tier) => {
    const prefix = vpc.prefix + newBits[tier];
    if (prefix > 28) throw new Error(`${tier} subnets would be /${prefix}; AWS subnets are at most /28`);
    return Array<number>(RESERVED_AZ_SLOTS).fill(prefix);
  });
  const blocks: Cidr[] = carve(vpc, prefixes);
  const slice = (i: number) => blocks.slice(i * RESERVED_AZ_SLOTS, (i + 1) * RESERVED_AZ_SLOTS).map(formatCidr);
  return { private: slice(0), public: slice(1), isolated: slice(2) };
}
