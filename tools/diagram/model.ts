/**
 * The architecture of one stack as clusters, nodes and edges, from its synthesized JSON: nodes from
 * the catalog (parts folded into their owner, repeated things grouped), placed in the subnet tier
 * they reference; network edges from the security groups (with ports) and the default routes;
 * reference edges from the `${...}` tokens between nodes. Ids come from types and AWS names, not
 * from cdktf's logical ids, so a construct restructuring leaves the diagram as it is.
 */
import { BESIDE, CONNECTORS, KINDS, NETWORK_HOLDER, PARTS, RELATIONS, display, wrap } from "./catalog";
import { SecurityGroups, cloudFrontPrefixLists, defaultRoutes, formatRange } from "./network";
import { JsonObject, Plan, Resource, readPlan } from "./plan";

export interface DiagramCluster {
  readonly id: string;
  readonly label: string;
  readonly parent?: string;
}

export interface DiagramNode {
  readonly id: string;
  /** Resource type of the node's main resource (e.g. `aws_db_instance`). */
  readonly type: string;
  readonly title: string;
  readonly details: readonly string[];
  readonly cluster?: string;
  /** How many resources of the plan it stands for. */
  readonly resources: number;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** Network: a security-group flow or a route; reference: one resource names the other. */
  readonly kind: "network" | "reference";
  /** Its head sits above its tail (e.g. a backup plan below the database it backs up). */
  readonly upward: boolean;
}

export interface Diagram {
  readonly stack: string;
  readonly clusters: readonly DiagramCluster[];
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

const INTERNET = "internet";

function typeMatches(pattern: string, type: string): boolean {
  return pattern.endsWith("*") ? type.startsWith(pattern.slice(0, -1)) && type !== pattern.slice(0, -2) : pattern === type;
}

function typeOf(address: string): string {
  return address.startsWith("data.") ? `data.${address.split(".")[1]}` : address.split(".")[0];
}

/** Each resource's owner: the address whose node it is drawn in. */
function owners(plan: Plan): Map<string, string> {
  const parent = new Map<string, string>();
  const referencedBy = new Map<string, string[]>();
  for (const r of plan.resources.values()) {
    for (const target of r.references.keys()) {
      if (!referencedBy.has(target)) referencedBy.set(target, []);
      referencedBy.get(target)!.push(r.address);
    }
  }
  for (const r of plan.resources.values()) {
    const rType = typeOf(r.address);
    for (const [part, whole] of PARTS) {
      if (!typeMatches(part, rType)) continue;
      const linked = [...r.references.keys(), ...(referencedBy.get(r.address) ?? [])].find((a) => typeOf(a) === whole && a !== r.address);
      if (linked) {
        parent.set(r.address, linked);
        break;
      }
    }
  }
  const root = (address: string): string => {
    const seen = new Set<string>();
    let current = address;
    while (parent.has(current) && !seen.has(current)) {
      seen.add(current);
      current = parent.get(current)!;
    }
    return current;
  };
  return new Map([...plan.resources.keys()].map((a) => [a, root(a)]));
}

function slug(text: string): string {
  return text
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")
    .toLowerCase();
}

function awsName(r: Resource): string | undefined {
  for (const key of ["name", "identifier", "cluster_identifier", "replication_group_id", "bucket", "family", "alias", "domain_name"]) {
    const value = r.body[key];
    if (typeof value === "string") return display(value);
  }
  return undefined;
}

interface Draft {
  id: string;
  readonly type: string;
  readonly members: Resource[];
  readonly region: string;
  cluster?: string;
}

export function buildDiagram(stack: string, json: JsonObject): Diagram {
  const plan = readPlan(stack, json);
  const owner = owners(plan);
  // Every other region the stack's providers reach, with the alias of its first resource.
  const others = new Map<string, string | undefined>();
  for (const r of plan.resources.values()) if (r.region !== plan.region && !others.has(r.region)) others.set(r.region, r.alias);

  // Drafts: one per owner with a kind; grouped kinds merge per region.
  const drafts = new Map<string, Draft>();
  const draftOf = new Map<string, Draft>();
  for (const r of plan.resources.values()) {
    const head = plan.resources.get(owner.get(r.address)!)!;
    const kind = KINDS[typeOf(head.address)];
    if (!kind) continue;
    const key = kind.grouped ? `${typeOf(head.address)}@${head.region}` : head.address;
    if (!drafts.has(key)) drafts.set(key, { id: "", type: typeOf(head.address), members: [], region: head.region });
    const draft = drafts.get(key)!;
    draft.members.push(r);
    draftOf.set(r.address, draft);
  }
  const nodeOf = (address: string) => draftOf.get(owner.get(address) ?? address) ?? draftOf.get(address);

  // Placement: the subnet tier a node's resources reference; else beside another node; else its home.
  const tierOf = new Map<string, string>();
  for (const s of plan.subnets.values()) tierOf.set(s.address, s.tier);
  const tiersUsed = new Set<string>();
  const subnetsOf = (draft: Draft) => [...new Set(draft.members.flatMap((m) => [...m.references.keys()].filter((a) => plan.subnets.has(a))))];
  const regionCluster = (region: string) => {
    if (region === plan.region) return undefined;
    // A region no resource is in (an ECR replica's) is the DR region when the stack has no other.
    const alias = others.has(region) ? others.get(region) : others.size ? undefined : "dr";
    return alias === "dr" ? "dr" : `region_${slug(region)}`;
  };
  for (const draft of drafts.values()) {
    const kind = KINDS[draft.type];
    const other = regionCluster(draft.region);
    const tiers = [...new Set(subnetsOf(draft).map((s) => tierOf.get(s)!))];
    if (other) draft.cluster = other;
    else if (tiers.length === 1) draft.cluster = `tier_${slug(tiers[0])}`;
    else draft.cluster = kind.home === "vpc" ? (plan.subnets.size ? "vpc" : undefined) : kind.home;
    if (draft.cluster?.startsWith("tier_")) tiersUsed.add(tiers[0]);
  }
  for (const draft of drafts.values()) {
    const besideType = BESIDE[draft.type];
    if (!besideType) continue;
    const beside = [...drafts.values()].find((d) => d.type === besideType && d.members.some((m) => draft.members.some((own) => m.references.has(own.address))));
    if (beside) draft.cluster = beside.cluster;
  }

  // Ids: the kind's prefix and the AWS name; region suffix for other regions.
  const used = new Set<string>([INTERNET]);
  for (const draft of [...drafts.values()].sort((a, b) => a.members[0].address.localeCompare(b.members[0].address))) {
    const kind = KINDS[draft.type];
    const head = draft.members.find((m) => typeOf(m.address) === draft.type)!;
    const name = kind.grouped ? undefined : awsName(head);
    // The AWS name without the `<project>-<env>` prefix and an account id suffix: `bucket_alb_logs`.
    const short = name?.replace(new RegExp(`^([a-z0-9]+-)?${plan.stack}\\*?-`), "").replace(/-\d{12}$/, "");
    let id = slug(`${kind.id}${short ? `_${short}` : ""}${draft.region !== plan.region ? `_${draft.region}` : ""}`);
    for (let i = 2; used.has(id); i++) id = `${id.replace(/_\d+$/, "")}_${i}`;
    used.add(id);
    draft.id = id;
  }

  const all = [...plan.resources.values()];
  const nodes: DiagramNode[] = [...drafts.values()].map((d) => {
    const kind = KINDS[d.type];
    return {
      id: d.id,
      type: d.type,
      title: kind.title(d.members, all),
      details: (kind.details?.(d.members, all) ?? []).filter((line): line is string => !!line),
      cluster: d.cluster,
      resources: d.members.length,
    };
  });

  const edges = new Map<string, { from: string; to: string; labels: string[]; kind: DiagramEdge["kind"]; upward: boolean }>();
  const addEdge = (from: string, to: string, label: string, kind: DiagramEdge["kind"], upward = false) => {
    if (from === to) return;
    const key = `${from}>${to}`;
    if (!edges.has(key)) edges.set(key, { from, to, labels: [], kind, upward });
    const edge = edges.get(key)!;
    if (!edge.labels.includes(label)) edge.labels.push(label);
    if (kind === "network") edge.kind = "network";
  };

  // Network edges: security-group flows between the nodes that hold groups, and to the internet.
  const groups = new SecurityGroups(plan);
  const routes = defaultRoutes(plan);
  const holders = new Map<Draft, { groups: Set<string>; cidrs: string[]; subnets: string[] }>();
  for (const draft of drafts.values()) {
    const held = new Set(draft.members.flatMap((m) => [...m.references.keys()].filter((a) => a.startsWith("aws_security_group."))));
    if (!held.size) continue;
    const holderType = NETWORK_HOLDER[draft.type];
    const holder =
      (holderType &&
        [...drafts.values()].find((d) => d.type === holderType && draft.members.some((m) => d.members.some((t) => m.references.has(t.address))))) ||
      draft;
    const subnets = subnetsOf(draft);
    holders.set(holder, { groups: held, subnets, cidrs: subnets.map((s) => plan.subnets.get(s)!.cidr).filter((c): c is string => !!c) });
  }
  const internet = { groups: new Set<string>(), cidrs: [], world: true };
  let internetUsed = false;
  // CloudFront reaches an origin whose rules admit its prefix list.
  const prefixLists = cloudFrontPrefixLists(plan);
  for (const cdn of [...drafts.values()].filter((d) => d.type === "aws_cloudfront_distribution" && prefixLists.length)) {
    for (const [b, partyB] of holders)
      for (const range of groups.flows({ groups: new Set(), cidrs: [], prefixLists }, partyB)) addEdge(cdn.id, b.id, formatRange(range), "network");
  }
  for (const [a, partyA] of holders) {
    const inbound = groups.flows(internet, partyA);
    if (inbound.length) {
      internetUsed = true;
      for (const range of inbound) addEdge(INTERNET, a.id, formatRange(range), "network");
    }
    for (const [b, partyB] of holders) {
      if (a !== b) for (const range of groups.flows(partyA, partyB)) addEdge(a.id, b.id, formatRange(range), "network");
    }
    const outbound = groups.flows(partyA, internet);
    if (outbound.length) {
      const via = partyA.subnets.map((s) => routes.get(s)).find(Boolean);
      const target = via ? nodeOf(via)?.id : undefined;
      if (!target) internetUsed = true;
      for (const range of outbound) addEdge(a.id, target ?? INTERNET, formatRange(range), "network");
    }
  }
  // Routes out: NAT gateways to the internet gateway, the internet gateway to the internet.
  for (const draft of drafts.values()) {
    if (draft.type !== "aws_nat_gateway") continue;
    const via = subnetsOf(draft)
      .map((s) => routes.get(s))
      .find(Boolean);
    const target = via && nodeOf(via);
    if (target) addEdge(draft.id, target.id, "0.0.0.0/0", "network");
  }
  for (const draft of drafts.values()) {
    if (draft.type === "aws_internet_gateway" && internetUsed) addEdge(draft.id, INTERNET, "egress", "network", true);
  }

  // Reference edges, by the types of the two nodes.
  for (const r of plan.resources.values()) {
    const from = nodeOf(r.address);
    if (from) {
      for (const target of r.references.keys()) {
        const to = nodeOf(target);
        if (!to || to === from) continue;
        const relation = RELATIONS[`${from.type}>${to.type}`];
        if (relation?.reverse) addEdge(to.id, from.id, relation.label, "reference", relation.upward);
        else if (relation) addEdge(from.id, to.id, relation.label, "reference", relation.upward);
      }
      continue;
    }
    const connector = CONNECTORS[r.type];
    if (!connector) continue;
    const ends = (attribute: string) => [
      ...new Set(
        [...r.references.keys()]
          .filter((a) => JSON.stringify(r.body[attribute] ?? null).includes(a))
          .map(nodeOf)
          .filter((d): d is Draft => !!d),
      ),
    ];
    for (const a of ends(connector.from)) for (const b of ends(connector.to)) addEdge(a.id, b.id, connector.label, "reference", connector.upward);
  }

  // ECR replication names regions and a repository prefix, not resources: a replica node per region.
  for (const r of plan.resources.values()) {
    if (r.type !== "aws_ecr_replication_configuration") continue;
    const config = r.body.replication_configuration as JsonObject | undefined;
    const rules = (Array.isArray(config?.rule) ? config.rule : []) as JsonObject[];
    for (const rule of rules) {
      const prefixes = ((Array.isArray(rule.repository_filter) ? rule.repository_filter : []) as JsonObject[]).map((f) => String(f.filter));
      for (const destination of (Array.isArray(rule.destination) ? rule.destination : []) as JsonObject[]) {
        const region = String(destination.region);
        const id = slug(`registry_replica_${region}`);
        if (!nodes.some((n) => n.id === id)) {
          nodes.push({ id, type: r.type, title: "ECR replica", details: [region], cluster: regionCluster(region) ?? "delivery", resources: 1 });
        }
        for (const draft of drafts.values()) {
          const repository = draft.members.find((m) => m.type === "aws_ecr_repository");
          const name = repository && awsName(repository);
          if (name && (!prefixes.length || prefixes.some((p) => name.startsWith(p)))) addEdge(draft.id, id, "replicates", "reference");
        }
      }
    }
  }

  if (internetUsed) nodes.unshift({ id: INTERNET, type: "internet", title: "Internet", details: ["users, AWS APIs"], resources: 0 });

  // Clusters that hold a node, with their parents.
  const vpc = all.find((r) => r.type === "aws_vpc");
  const azs = new Set([...plan.subnets.values()].map((s) => s.zone)).size;
  const tierLabel = (tier: string) => {
    const subnets = [...plan.subnets.values()].filter((s) => s.tier === tier);
    const zones = new Set(subnets.map((s) => s.zone)).size;
    const sizes = [...new Set(subnets.map((s) => s.cidr?.split("/")[1]).filter(Boolean))].map((b) => `/${b}`);
    return `${tier} subnets\n${zones} AZs${sizes.length ? `, ${sizes.join(" ")} each` : ""}`;
  };
  const candidates: DiagramCluster[] = [
    { id: "edge", label: "Edge" },
    { id: "vpc", label: `VPC ${vpc?.body.cidr_block ?? ""} in ${plan.region}${azs ? `, ${azs} AZs` : ""}`.replace("  ", " ") },
    ...[...tiersUsed].sort(tierOrder).map((tier) => ({ id: `tier_${slug(tier)}`, label: tierLabel(tier), parent: "vpc" })),
    { id: "data", label: "Data: storage, keys, backup" },
    { id: "delivery", label: "Release pipeline" },
    { id: "observability", label: "Observability and audit" },
    ...[...others].map(([region, alias]) => ({ id: regionCluster(region)!, label: `${alias === "dr" ? "DR region" : "Region"} ${region}` })),
  ];
  const occupied = new Set(nodes.map((n) => n.cluster).filter(Boolean));
  const clusters = candidates.filter((c) => occupied.has(c.id) || candidates.some((child) => child.parent === c.id && occupied.has(child.id)));

  return {
    stack,
    clusters,
    nodes: nodes.sort((a, b) => order(a, clusters) - order(b, clusters) || a.id.localeCompare(b.id)),
    edges: [...edges.values()]
      .map((e) => ({ from: e.from, to: e.to, kind: e.kind, upward: e.upward, label: wrap(e.labels, 24).join("\n") }))
      .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
  };
}

const TIERS = ["public", "private", "isolated", "data", "database"];
function tierOrder(a: string, b: string): number {
  const rank = (t: string) => (TIERS.includes(t) ? TIERS.indexOf(t) : TIERS.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

function order(node: DiagramNode, clusters: readonly DiagramCluster[]): number {
  const index = clusters.findIndex((c) => c.id === node.cluster);
  return index < 0 ? -1 : index;
}
