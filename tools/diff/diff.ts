/**
 * The offline plan diff: what changes between two synthesized apps, stack by stack, and whether
 * the change would destroy data. Pure: two synthesized outputs in, a report out. No terraform, no
 * AWS: it compares configuration, so it sees what the code asks for, not what AWS holds.
 */

/** One synthesized stack: the parsed `stacks/<stack>/cdk.tf.json`. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly data?: Record<string, Record<string, unknown>>;
  readonly moved?: readonly { readonly from: string; readonly to: string }[];
  readonly [key: string]: unknown;
}

/** A synthesized app: each stack's JSON by stack name. */
export type Synth = Record<string, StackJson>;

/**
 * Resources whose destruction destroys data that the service needs and that cannot be recreated
 * from code, each with the arguments that identify the real resource (for rename detection).
 * Removing one of these, or changing its address (a rename), fails the diff.
 */
export const STATEFUL_TYPES: Readonly<Record<string, readonly string[]>> = {
  aws_db_instance: ["identifier", "identifier_prefix"],
  aws_rds_cluster: ["cluster_identifier", "cluster_identifier_prefix"],
  aws_elasticache_replication_group: ["replication_group_id"],
  aws_s3_bucket: ["bucket", "bucket_prefix"],
  aws_backup_vault: ["name"],
  // A deleted key makes everything encrypted with it unreadable once the deletion window ends.
  aws_kms_key: ["description"],
  aws_dynamodb_table: ["name"],
  aws_efs_file_system: ["creation_token"],
};

/**
 * Per stateful type, the arguments whose change makes Terraform replace the resource (`ForceNew` in
 * the AWS provider's schema), so the data goes with the old one. `keptWhenRemoved`: the subset
 * that is Optional and Computed (or suppresses the diff of a removal), which keeps its value when
 * dropped from the configuration: only a new value replaces. Nested blocks count as a whole.
 * Sources, in hashicorp/terraform-provider-aws:
 * - aws_db_instance: internal/service/rds/instance.go
 * - aws_rds_cluster: internal/service/rds/cluster.go (snapshot_identifier: a removal is suppressed)
 * - aws_elasticache_replication_group: internal/service/elasticache/replication_group.go (also a
 *   downgrade of engine or engine_version, by CustomizeDiff: see the plan)
 * - aws_s3_bucket: internal/service/s3/bucket.go
 * - aws_backup_vault: internal/service/backup/vault.go
 * - aws_kms_key: internal/service/kms/key.go (customer_master_key_spec and key_usage have defaults:
 *   a removal reverts to them)
 * - aws_dynamodb_table: internal/service/dynamodb/table.go
 * - aws_efs_file_system: internal/service/efs/file_system.go
 */
export const REPLACING_ARGUMENTS: Readonly<Record<string, { readonly forceNew: readonly string[]; readonly keptWhenRemoved: readonly string[] }>> = {
  aws_db_instance: {
    forceNew: [
      "availability_zone",
      "character_set_name",
      "custom_iam_instance_profile",
      "db_name",
      "engine",
      "identifier",
      "identifier_prefix",
      "kms_key_id",
      "nchar_character_set_name",
      "restore_to_point_in_time",
      "s3_import",
      "snapshot_identifier",
      "storage_encrypted",
      "timezone",
      "username",
    ],
    keptWhenRemoved: [
      "availability_zone",
      "character_set_name",
      "db_name",
      "engine",
      "identifier",
      "identifier_prefix",
      "kms_key_id",
      "nchar_character_set_name",
      "snapshot_identifier",
      "timezone",
      "username",
    ],
  },
  aws_rds_cluster: {
    forceNew: [
      "availability_zones",
      "cluster_identifier",
      "cluster_identifier_prefix",
      "database_name",
      "db_subnet_group_name",
      "db_system_id",
      "engine",
      "engine_mode",
      "kms_key_id",
      "master_username",
      "restore_to_point_in_time",
      "s3_import",
      "snapshot_identifier",
      "source_region",
      "storage_encrypted",
    ],
    keptWhenRemoved: [
      "availability_zones",
      "cluster_identifier",
      "cluster_identifier_prefix",
      "database_name",
      "db_subnet_group_name",
      "db_system_id",
      "kms_key_id",
      "master_username",
      "snapshot_identifier",
      "storage_encrypted",
    ],
  },
  aws_elasticache_replication_group: {
    forceNew: [
      "at_rest_encryption_enabled",
      "data_tiering_enabled",
      "global_replication_group_id",
      "kms_key_id",
      "network_type",
      "port",
      "replication_group_id",
      "security_group_names",
      "snapshot_arns",
      "snapshot_name",
      "subnet_group_name",
    ],
    keptWhenRemoved: [
      "at_rest_encryption_enabled",
      "data_tiering_enabled",
      "global_replication_group_id",
      "network_type",
      "security_group_names",
      "subnet_group_name",
    ],
  },
  aws_s3_bucket: { forceNew: ["bucket", "bucket_prefix", "object_lock_enabled"], keptWhenRemoved: ["bucket", "bucket_prefix", "object_lock_enabled"] },
  aws_backup_vault: { forceNew: ["name", "kms_key_arn"], keptWhenRemoved: ["kms_key_arn"] },
  aws_kms_key: {
    forceNew: ["custom_key_store_id", "customer_master_key_spec", "key_usage", "multi_region", "xks_key_id"],
    keptWhenRemoved: ["multi_region"],
  },
  aws_dynamodb_table: {
    forceNew: ["name", "hash_key", "range_key", "local_secondary_index", "import_table", "restore_date_time", "restore_to_latest_time"],
    keptWhenRemoved: [],
  },
  aws_efs_file_system: {
    forceNew: ["availability_zone_name", "creation_token", "encrypted", "kms_key_id", "performance_mode"],
    keptWhenRemoved: ["availability_zone_name", "creation_token", "encrypted", "kms_key_id", "performance_mode"],
  },
};

/**
 * Resources that hold data but are not worth failing a review for: reported loudly, never fatal.
 * A log group's content is history bounded by its retention, not something the service runs on;
 * records that must outlive a refactoring (audit, compliance) belong in an archive, not in the
 * lifetime of one log group.
 */
export const DATA_RETAINING_TYPES: Readonly<Record<string, readonly string[]>> = {
  aws_cloudwatch_log_group: ["name", "name_prefix"],
};

/** Arguments that identify a resource of a type listed in neither table. */
const DEFAULT_IDENTITY = ["name"];

export interface ChangedResource {
  readonly address: string;
  /** Attribute paths whose value differs, e.g. `tags.Name`, `rule[0].status`; `//` metadata ignored. */
  readonly paths: string[];
}

/** A stateful resource that stays at its address but that Terraform destroys and creates anew. */
export interface ReplacedResource {
  readonly address: string;
  /** The arguments of REPLACING_ARGUMENTS whose change forces it, e.g. `["engine"]`. */
  readonly arguments: string[];
}

export interface RenamedResource {
  readonly from: string;
  readonly to: string;
  /** The identifying arguments both addresses share, e.g. `{ bucket: "notes-dev-assets" }`. */
  readonly identity: Record<string, unknown>;
}

export type Severity = "stateful" | "data";

/** Something a reviewer must see: data destroyed (`stateful`: fails the diff) or at risk (`data`). */
export interface Finding {
  readonly stack: string;
  readonly severity: Severity;
  readonly kind: "removed" | "renamed" | "replaced" | "identity-changed";
  readonly address: string;
  /** The new address of a renamed resource. */
  readonly to?: string;
  readonly message: string;
}

export interface StackDiff {
  readonly stack: string;
  /** `added`/`removed`: the whole stack appears or disappears from the synthesized app. */
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly added: string[];
  readonly removed: string[];
  readonly changed: ChangedResource[];
  /** Removed and added with the same type and identifying arguments: Terraform destroys and recreates. */
  readonly renamed: RenamedResource[];
  /** Address changes covered by a `moved` block (cdktf `moveTo`): Terraform keeps the resource. */
  readonly moved: { readonly from: string; readonly to: string }[];
  /** Stateful resources whose changed arguments force a replacement (also listed in `changed`). */
  readonly replaced: ReplacedResource[];
}

export interface DiffReport {
  readonly stacks: StackDiff[];
  readonly findings: Finding[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Paths at which `a` and `b` differ, ignoring `//` (cdktf's construct metadata) at any depth. */
export function changedPaths(a: unknown, b: unknown, path = ""): string[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== "//").sort();
    return keys.flatMap((k) => changedPaths(a[k], b[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => changedPaths(a[i], b[i], `${path}[${i}]`)).flat();
  }
  return a === b ? [] : [path || "(whole resource)"];
}

/**
 * Every resource of a stack by address (`<type>.<name>`), and every data source (`data.<type>.<name>`):
 * policies live in data sources, and the resources using them only hold a reference.
 */
function resourcesOf(stack: StackJson | undefined): Map<string, { type: string; body: unknown }> {
  const found = new Map<string, { type: string; body: unknown }>();
  for (const [prefix, blocks] of [
    ["", stack?.resource],
    ["data.", stack?.data],
  ] as const) {
    for (const [type, byName] of Object.entries(blocks ?? {})) {
      for (const [name, body] of Object.entries(byName ?? {})) found.set(`${prefix}${type}.${name}`, { type: `${prefix}${type}`, body });
    }
  }
  return found;
}

function identityKeys(type: string): readonly string[] {
  return STATEFUL_TYPES[type] ?? DATA_RETAINING_TYPES[type] ?? DEFAULT_IDENTITY;
}

/**
 * The identifying arguments two resources of one type share, or undefined when they are not the
 * same real resource: every identifying argument set on either must be equal, and one must be set.
 * Types without identifying arguments set match when their whole bodies do.
 */
function sharedIdentity(type: string, a: unknown, b: unknown): Record<string, unknown> | undefined {
  const left = isObject(a) ? a : {};
  const right = isObject(b) ? b : {};
  const keys = identityKeys(type).filter((k) => left[k] !== undefined || right[k] !== undefined);
  if (keys.length === 0) return changedPaths(a, b).length === 0 ? {} : undefined;
  if (keys.some((k) => changedPaths(left[k], right[k]).length > 0)) return undefined;
  return Object.fromEntries(keys.map((k) => [k, left[k]]));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]{}\\]/g, "\\$&");

/** `body` with every reference to a renamed address rewritten to its new address. */
function rewriteReferences(body: unknown, renames: Map<string, string>): unknown {
  if (renames.size === 0) return body;
  if (typeof body === "string") {
    let text = body;
    for (const [from, to] of renames) {
      // Whole addresses only: not `data.<address>`, not a longer name that starts the same.
      text = text.replace(new RegExp(`(?<![\\w.-])${escapeRegExp(from)}(?![\\w-])`, "g"), to);
    }
    return text;
  }
  if (Array.isArray(body)) return body.map((item) => rewriteReferences(item, renames));
  if (isObject(body)) return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, rewriteReferences(v, renames)]));
  return body;
}

function severityOf(type: string): Severity | undefined {
  if (type in STATEFUL_TYPES) return "stateful";
  if (type in DATA_RETAINING_TYPES) return "data";
  return undefined;
}

function describeIdentity(identity: Record<string, unknown>): string {
  const parts = Object.entries(identity).map(([k, v]) => `${k} ${JSON.stringify(v)}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/** The arguments of `replacing` whose change between two bodies forces a replacement. */
function replacingChanges(replacing: (typeof REPLACING_ARGUMENTS)[string], a: unknown, b: unknown): string[] {
  const left = isObject(a) ? a : {};
  const right = isObject(b) ? b : {};
  return replacing.forceNew.filter((k) => {
    if (changedPaths(left[k], right[k]).length === 0) return false;
    return !(right[k] === undefined && replacing.keptWhenRemoved.includes(k));
  });
}

/** Compares one stack's resources. */
function diffStack(stack: string, from: StackJson | undefined, to: StackJson | undefined, findings: Finding[]): StackDiff {
  const before = resourcesOf(from);
  const after = resourcesOf(to);
  let removed = [...before.keys()].filter((a) => !after.has(a)).sort();
  let added = [...after.keys()].filter((a) => !before.has(a)).sort();

  const status = !from ? "added" : !to ? "removed" : undefined;
  const result: StackDiff = { stack, status: status ?? "unchanged", added, removed, changed: [], renamed: [], moved: [], replaced: [] };
  // A stack that appears or disappears is not planned by the other side: nothing in it is destroyed.
  if (status) return result;

  for (const block of to?.moved ?? []) {
    if (removed.includes(block.from) && added.includes(block.to)) {
      result.moved.push({ from: block.from, to: block.to });
      removed = removed.filter((a) => a !== block.from);
      added = added.filter((a) => a !== block.to);
    }
  }
  // Pair removed with added resources that are the same real resource. Repeat: once a bucket is
  // paired, its policy, versioning etc. match too after their references are rewritten.
  const renames = new Map(result.moved.map((m) => [m.from, m.to] as [string, string]));
  for (let paired = true; paired;) {
    paired = false;
    for (const address of [...removed]) {
      const { type, body } = before.get(address)!;
      const rewritten = rewriteReferences(body, renames);
      const candidates = added.filter((a) => after.get(a)!.type === type);
      const match = candidates.map((a) => ({ a, identity: sharedIdentity(type, rewritten, after.get(a)!.body) })).find((m) => m.identity);
      if (!match) continue;
      result.renamed.push({ from: address, to: match.a, identity: match.identity! });
      renames.set(address, match.a);
      removed = removed.filter((a) => a !== address);
      added = added.filter((a) => a !== match.a);
      paired = true;
    }
  }
  result.renamed.sort((a, b) => (a.from < b.from ? -1 : 1));

  for (const [address, { type, body }] of before) {
    const next = after.get(address);
    if (!next) continue;
    const paths = changedPaths(body, next.body);
    if (paths.length) result.changed.push({ address, paths });
    const replacing = REPLACING_ARGUMENTS[type];
    if (replacing) {
      // References to renamed or moved resources are rewritten first: they name the same thing.
      const forced = replacingChanges(replacing, rewriteReferences(body, renames), next.body);
      if (forced.length) {
        result.replaced.push({ address, arguments: forced });
        findings.push({
          stack,
          severity: "stateful",
          kind: "replaced",
          address,
          message: `${stack}: ${address}: ${forced.join(", ")} changed, which forces replacement (ForceNew in the AWS provider): terraform destroys it and the data in it, then creates an empty one; keep the value, or move the data first`,
        });
      }
      continue;
    }
    const severity = severityOf(type);
    const identity = identityKeys(type).filter((k) => paths.some((p) => p === k || p.startsWith(`${k}.`) || p.startsWith(`${k}[`)));
    if (severity && identity.length) {
      findings.push({
        stack,
        severity: "data",
        kind: "identity-changed",
        address,
        message: `${stack}: ${address}: identifying argument ${identity.join(", ")} changed: if it forces replacement, the data goes with it; check the terraform plan`,
      });
    }
  }
  result.changed.sort((a, b) => (a.address < b.address ? -1 : 1));

  for (const address of removed) {
    const severity = severityOf(before.get(address)!.type);
    if (!severity) continue;
    findings.push({
      stack,
      severity,
      kind: "removed",
      address,
      message: `${stack}: ${address} removed: terraform destroys it and ${severity === "stateful" ? "the data in it" : "its contents"}`,
    });
  }
  for (const { from: address, to: target, identity } of result.renamed) {
    const severity = severityOf(before.get(address)!.type);
    if (!severity) continue;
    findings.push({
      stack,
      severity,
      kind: "renamed",
      address,
      to: target,
      message: `${stack}: ${address} -> ${target}${describeIdentity(identity)} renamed (destroys data): terraform destroys the old address and creates the new one; keep the address (overrideLogicalId) or add a moved block (moveTo)`,
    });
  }

  result.replaced.sort((a, b) => (a.address < b.address ? -1 : 1));
  const touched = added.length + removed.length + result.changed.length + result.renamed.length + result.moved.length;
  return { ...result, added, removed, status: touched ? "changed" : "unchanged" };
}

/** Compares two synthesized apps stack by stack (stacks sorted by name). */
export function diffSynth(from: Synth, to: Synth): DiffReport {
  const findings: Finding[] = [];
  const names = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  const stacks = names.map((name) => diffStack(name, from[name], to[name], findings));
  return { stacks, findings };
}

/** Findings that fail the diff: stateful resources destroyed by a removal, a rename or a replacement. */
export function blocking(report: DiffReport): Finding[] {
  return report.findings.filter((f) => f.severity === "stateful" && f.kind !== "identity-changed");
}

/** 0 when nothing stateful is destroyed, or when that is explicitly allowed; 1 otherwise. */
export function exitCode(report: DiffReport, allowStatefulRemoval = false): number {
  return blocking(report).length > 0 && !allowStatefulRemoval ? 1 : 0;
}

/** The report as text for a terminal or a CI log. */
export function formatReport(report: DiffReport, allowStatefulRemoval = false): string {
  const lines: string[] = [];
  for (const s of report.stacks) {
    if (s.status === "added") {
      lines.push(`stack ${s.stack}: new (${s.added.length} resources)`);
      continue;
    }
    if (s.status === "removed") {
      lines.push(
        `stack ${s.stack}: no longer synthesized (${s.removed.length} resources): nothing plans it, nothing in it is destroyed, and nothing manages it any more`,
      );
      continue;
    }
    if (s.status === "unchanged") {
      lines.push(`stack ${s.stack}: no changes`);
      continue;
    }
    lines.push(
      `stack ${s.stack}: ${s.added.length} added, ${s.removed.length} removed, ${s.changed.length} changed, ${s.renamed.length} renamed, ${s.moved.length} moved`,
    );
    for (const a of s.added) lines.push(`  + ${a}`);
    for (const r of s.removed) lines.push(`  - ${r}`);
    for (const r of s.renamed) {
      const stateful = r.from.split(".")[0] in STATEFUL_TYPES ? " renamed (destroys data)" : "";
      lines.push(`  -/+ ${r.from} -> ${r.to}${describeIdentity(r.identity)}${stateful}`);
    }
    for (const m of s.moved) lines.push(`  => ${m.from} -> ${m.to} (moved block: kept)`);
    for (const c of s.changed) {
      const replaced = s.replaced.find((r) => r.address === c.address);
      lines.push(
        replaced
          ? `  -/+ ${c.address}: ${c.paths.join(", ")} (forces replacement: ${replaced.arguments.join(", ")}; destroys data)`
          : `  ~ ${c.address}: ${c.paths.join(", ")}`,
      );
    }
  }

  const fatal = blocking(report);
  const warnings = report.findings.filter((f) => !fatal.includes(f));
  if (warnings.length) {
    lines.push("", "WARNING: data at risk:");
    for (const w of warnings) lines.push(`  ! ${w.message}`);
  }
  if (fatal.length) {
    lines.push("", "!!! STATEFUL RESOURCES WOULD BE DESTROYED !!!");
    for (const f of fatal) lines.push(`  !!! ${f.message}`);
    lines.push(
      allowStatefulRemoval
        ? `${fatal.length} stateful resource(s) destroyed: allowed by --allow-stateful-removal`
        : `${fatal.length} stateful resource(s) destroyed: failing. If this is intended, pass --allow-stateful-removal (in CI: the allow-stateful-removal label).`,
    );
  } else {
    lines.push("", "No stateful resource is removed, renamed or replaced.");
  }
  return `${lines.join("\n")}\n`;
}
