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

/** AWS's smallest subnet. */
const SMALLEST_SUBNET = 28;
/** The largest VPC prefix that can hold every tier's reserved slots at /28. */
const LARGEST_WORKABLE_VPC = SMALLEST_SUBNET - Math.ceil(Math.log2(SUBNET_TIERS.length * RESERVED_AZ_SLOTS));

function fits(vpc: Cidr, newBits: Record<SubnetTier, number>): boolean {
  const prefixes = SUBNET_TIERS.flatMap((tier) => Array<number>(RESERVED_AZ_SLOTS).fill(vpc.prefix + newBits[tier]));
  if (prefixes.some((p) => p > SMALLEST_SUBNET)) return false;
  try {
    carve(vpc, prefixes);
    return true;
  } catch {
    return false;
  }
}

const list = (tiers: readonly SubnetTier[]) => tiers.map((t, i) => (i === 0 ? `network.subnetNewBits.${t}` : `.${t}`)).join(" and ");

/**
 * Why the subnets do not fit the VPC, and the change that makes them fit, worked out from the
 * values given; undefined when they fit. `subnetNewBits` are relative to the VPC's prefix, so
 * a larger VPC only helps subnets that came out smaller than /28.
 */
export function subnetLayoutProblem(vpcCidr: string, newBits: Record<SubnetTier, number>): string | undefined {
  const vpc = parseCidr(vpcCidr);
  if (!vpc || fits(vpc, newBits)) return undefined;
  const P = vpc.prefix;
  const slots = `${RESERVED_AZ_SLOTS} AZ slots per tier are reserved, whatever azCount is`;
  const tooSmall = SUBNET_TIERS.filter((t) => P + newBits[t] > SMALLEST_SUBNET);

  if (tooSmall.length) {
    const tiers = tooSmall.join(" and ");
    const sizes = [...new Set(tooSmall.map((t) => `/${P + newBits[t]}`))].join(" and ");
    const larger = SMALLEST_SUBNET - Math.max(...tooSmall.map((t) => newBits[t]));
    const fixes: string[] = [];
    if (fits({ base: 0, prefix: larger }, newBits)) {
      const size = 2 ** (32 - larger);
      fixes.push(`use a /${larger} VPC or larger (e.g. ${formatCidr({ base: Math.floor(vpc.base / size) * size, prefix: larger })}) with these subnetNewBits`);
    }
    if (fits(vpc, { ...newBits, ...Object.fromEntries(tooSmall.map((t) => [t, SMALLEST_SUBNET - P])) })) {
      fixes.push(`keep the VPC and lower ${list(tooSmall)} to ${SMALLEST_SUBNET - P} or less`);
    }
    const none =
      P > LARGEST_WORKABLE_VPC
        ? `. No layout fits a /${P}: ${SUBNET_TIERS.length} tiers × ${RESERVED_AZ_SLOTS} reserved AZ slots of at least /${SMALLEST_SUBNET} need a /${LARGEST_WORKABLE_VPC} or larger`
        : "";
    return `gives ${sizes} ${tiers} subnets in a /${P} VPC, but AWS subnets are /${SMALLEST_SUBNET} at most (each bit over the VPC's prefix halves a subnet): ${fixes.join("; or ")}${none}`;
  }

  // Every subnet is a fixed share of the VPC: only smaller shares (more bits) make them fit.
  const byShare = [...SUBNET_TIERS].sort((a, b) => newBits[a] - newBits[b]);
  for (const tier of byShare) {
    for (let bits = newBits[tier] + 1; P + bits <= SMALLEST_SUBNET; bits++) {
      if (fits(vpc, { ...newBits, [tier]: bits })) {
        return `takes more than the VPC: ${slots}, and at these sizes (${SUBNET_TIERS.map((t) => `${t} /${P + newBits[t]}`).join(", ")}) they overflow ${vpcCidr}: raise network.subnetNewBits.${tier} from ${newBits[tier]} to ${bits} (/${P + bits} subnets); a larger VPC does not help, subnetNewBits are relative to it`;
      }
    }
  }
  return `takes more than the VPC: ${slots}, and at these sizes (${SUBNET_TIERS.map((t) => `${t} /${P + newBits[t]}`).join(", ")}) they overflow ${vpcCidr}: raise network.subnetNewBits (each bit halves a tier's subnets)`;
}
