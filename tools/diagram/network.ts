/**
 * Who may talk to whom, from the security groups: a flow from A to B on a port exists when A's
 * egress allows it to B (by B's group or a CIDR holding B's subnets) and B's ingress allows it from
 * A (by A's group or a CIDR holding A's subnets). Groups created by `aws_security_group` have no
 * egress but what the plan declares (Terraform removes AWS's default allow-all rule).
 */
import { Json, Plan, Resource, isObject, referencesIn } from "./plan";

export interface PortRange {
  /** "tcp", "udp", "icmp" or "-1" for all. */
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

interface Rule {
  readonly group: string;
  readonly direction: "ingress" | "egress";
  readonly range: PortRange;
  readonly peerGroups: readonly string[];
  readonly cidrs: readonly string[];
  /** Managed prefix lists (their data source addresses), e.g. CloudFront's origin-facing one. */
  readonly prefixLists: readonly string[];
}

/**
 * One party: the security groups it holds and the CIDRs of its subnets; `world` for the internet;
 * `prefixLists` for a service outside the VPC that AWS publishes a prefix list of (CloudFront).
 */
export interface Party {
  readonly groups: ReadonlySet<string>;
  readonly cidrs: readonly string[];
  readonly world?: boolean;
  readonly prefixLists?: readonly string[];
}

const ALL: PortRange = { protocol: "-1", from: 0, to: 65535 };

function protocolOf(value: Json | undefined): string {
  const text = String(value ?? "-1").toLowerCase();
  return text === "all" || text === "-1" ? "-1" : (({ "6": "tcp", "17": "udp", "1": "icmp" } as Record<string, string>)[text] ?? text);
}

function rangeOf(body: { [key: string]: Json }, protocolKey: string): PortRange {
  const protocol = protocolOf(body[protocolKey]);
  if (protocol === "-1") return ALL;
  const from = Number(body.from_port ?? 0);
  const to = Number(body.to_port ?? from);
  return { protocol, from: from < 0 ? 0 : from, to: to < 0 ? 65535 : to };
}

function literalCidrs(plan: Plan, values: readonly (Json | undefined)[]): string[] {
  const cidrs: string[] = [];
  const subnetCidr = new Map([...plan.subnets.values()].map((s) => [s.address, s.cidr]));
  for (const value of values.flat()) {
    if (typeof value !== "string") continue;
    if (!value.includes("${")) cidrs.push(value);
    else {
      for (const address of referencesIn(value, new Set(subnetCidr.keys())).keys()) {
        const cidr = subnetCidr.get(address);
        if (cidr) cidrs.push(cidr);
      }
      const vpc = /\$\{(aws_vpc\.[^.}]+)\.cidr_block\}/.exec(value);
      const vpcCidr = vpc && plan.resources.get(vpc[1])?.body.cidr_block;
      if (typeof vpcCidr === "string") cidrs.push(vpcCidr);
    }
  }
  return cidrs;
}

function groupsIn(plan: Plan, value: Json | undefined): string[] {
  const groups = new Set([...plan.resources.values()].filter((r) => r.type === "aws_security_group").map((r) => r.address));
  return [...referencesIn(value ?? null, groups).keys()];
}

function rules(plan: Plan): Rule[] {
  const out: Rule[] = [];
  const lists = new Set([...plan.resources.keys()].filter((a) => a.startsWith("data.aws_ec2_managed_prefix_list.")));
  const add = (
    group: string | undefined,
    direction: Rule["direction"],
    body: { [key: string]: Json },
    protocolKey: string,
    peers: Json[],
    cidrs: Json[],
    self: boolean,
  ) => {
    if (!group) return;
    const peerGroups = peers.flatMap((peer) => groupsIn(plan, peer));
    if (self) peerGroups.push(group);
    const prefixLists = [...referencesIn([body.prefix_list_id ?? null, body.prefix_list_ids ?? null], lists).keys()];
    out.push({ group, direction, range: rangeOf(body, protocolKey), peerGroups, cidrs: literalCidrs(plan, cidrs), prefixLists });
  };
  for (const r of plan.resources.values()) {
    const b = r.body;
    if (r.type === "aws_vpc_security_group_ingress_rule" || r.type === "aws_vpc_security_group_egress_rule") {
      const direction = r.type.endsWith("ingress_rule") ? "ingress" : "egress";
      add(groupsIn(plan, b.security_group_id)[0], direction, b, "ip_protocol", [b.referenced_security_group_id], [b.cidr_ipv4, b.cidr_ipv6], false);
    } else if (r.type === "aws_security_group_rule") {
      add(
        groupsIn(plan, b.security_group_id)[0],
        b.type === "egress" ? "egress" : "ingress",
        b,
        "protocol",
        [b.source_security_group_id],
        [b.cidr_blocks ?? null, b.ipv6_cidr_blocks ?? null],
        b.self === true,
      );
    } else if (r.type === "aws_security_group") {
      for (const direction of ["ingress", "egress"] as const) {
        const blocks = b[direction];
        for (const block of Array.isArray(blocks) ? blocks : []) {
          if (!isObject(block)) continue;
          add(
            r.address,
            direction,
            block,
            "protocol",
            [block.security_groups ?? null],
            [block.cidr_blocks ?? null, block.ipv6_cidr_blocks ?? null],
            block.self === true,
          );
        }
      }
    }
  }
  return out;
}

function ipv4(cidr: string): { base: number; bits: number } | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!match) return undefined;
  const base = match.slice(1, 5).reduce((n, octet) => n * 256 + Number(octet), 0);
  return { base, bits: Number(match[5]) };
}

/** Whether `inner` lies inside `outer` (IPv4; `::/0` holds only the internet). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = ipv4(outer);
  const i = ipv4(inner);
  if (!o || !i) return false;
  if (i.bits < o.bits) return false;
  const size = 2 ** (32 - o.bits);
  return Math.floor(o.base / size) === Math.floor(i.base / size);
}

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

/** How a rule admits a peer: by group or a CIDR of its own ("specific"), only as part of anywhere, or not. */
function admits(rule: Rule, peer: Party): "specific" | "anywhere" | undefined {
  if (rule.peerGroups.some((g) => peer.groups.has(g))) return "specific";
  if (peer.prefixLists) return rule.prefixLists.some((p) => peer.prefixLists!.includes(p)) ? "specific" : undefined;
  if (peer.world) return rule.cidrs.some((c) => WORLD.has(c)) ? "specific" : undefined;
  // One of the peer's subnets is enough: a rule per data subnet admits the database in each.
  const inside = (cidrs: readonly string[]) => peer.cidrs.some((inner) => cidrs.some((outer) => cidrContains(outer, inner)));
  if (inside(rule.cidrs.filter((c) => !WORLD.has(c)))) return "specific";
  return inside(rule.cidrs) ? "anywhere" : undefined;
}

function intersect(a: PortRange, b: PortRange): PortRange | undefined {
  if (a.protocol !== "-1" && b.protocol !== "-1" && a.protocol !== b.protocol) return undefined;
  const protocol = a.protocol === "-1" ? b.protocol : a.protocol;
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  return from <= to ? { protocol, from, to } : undefined;
}

export function formatRange(range: PortRange): string {
  if (range.protocol === "-1") return range.from === 0 && range.to === 65535 ? "all traffic" : `${range.from}-${range.to}`;
  return `${range.protocol} ${range.from === range.to ? range.from : `${range.from}-${range.to}`}`;
}

export class SecurityGroups {
  private readonly all: Rule[];

  constructor(plan: Plan) {
    this.all = rules(plan);
  }

  /**
   * Ports `from` may open to `to`: the intersections of from's egress and to's ingress. Two parties
   * inside the VPC that admit each other only as part of "anywhere" are left out: that is traffic
   * to and from the internet, drawn as such.
   */
  flows(from: Party, to: Party): PortRange[] {
    const side = (direction: Rule["direction"], self: Party, peer: Party) =>
      self.world || self.prefixLists
        ? [{ range: ALL, how: "specific" as const }]
        : this.all
            .filter((r) => r.direction === direction && self.groups.has(r.group))
            .map((r) => ({ range: r.range, how: admits(r, peer) }))
            .filter((r) => r.how);
    const out = new Map<string, PortRange>();
    for (const e of side("egress", from, to)) {
      for (const i of side("ingress", to, from)) {
        const both = intersect(e.range, i.range);
        if (both && (e.how === "specific" || i.how === "specific")) out.set(formatRange(both), both);
      }
    }
    return [...out.values()].sort((a, b) => a.from - b.from || a.protocol.localeCompare(b.protocol));
  }
}

/** The managed prefix lists of CloudFront's origin-facing addresses that the plan reads. */
export function cloudFrontPrefixLists(plan: Plan): string[] {
  return [...plan.resources.values()]
    .filter((r) => r.address.startsWith("data.aws_ec2_managed_prefix_list.") && /cloudfront/.test(JSON.stringify(r.body)))
    .map((r) => r.address);
}

/** The target (NAT or internet gateway address) of the default route of each subnet. */
export function defaultRoutes(plan: Plan): Map<string, string> {
  const tables = new Map<string, string>();
  const isDefault = (body: { [key: string]: Json }) => body.destination_cidr_block === "0.0.0.0/0" || body.cidr_block === "0.0.0.0/0";
  const targetOf = (body: { [key: string]: Json }): string | undefined => {
    for (const key of ["nat_gateway_id", "gateway_id"]) {
      const ref = [...referencesIn(body[key] ?? null, new Set(plan.resources.keys())).keys()][0];
      if (ref) return ref;
    }
    return undefined;
  };
  const refOf = (r: Resource, type: string) => [...r.references.keys()].find((a) => a.startsWith(`${type}.`));
  for (const r of plan.resources.values()) {
    if (r.type === "aws_route" && isDefault(r.body)) {
      const table = refOf(r, "aws_route_table");
      const target = targetOf(r.body);
      if (table && target) tables.set(table, target);
    } else if (r.type === "aws_route_table" && Array.isArray(r.body.route)) {
      for (const route of r.body.route) {
        const target = isObject(route) && isDefault(route) ? targetOf(route) : undefined;
        if (target) tables.set(r.address, target);
      }
    }
  }
  const subnets = new Map<string, string>();
  for (const r of plan.resources.values()) {
    if (r.type !== "aws_route_table_association") continue;
    const subnet = refOf(r, "aws_subnet");
    const table = refOf(r, "aws_route_table");
    const target = table && tables.get(table);
    if (subnet && target) subnets.set(subnet, target);
  }
  return subnets;
}
