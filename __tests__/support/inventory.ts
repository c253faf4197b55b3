/**
 * A synthesized stack as a reviewable inventory: one line per provider, backend, resource, data
 * source, output and moved block, each resource with the attributes a reviewer must not miss
 * (names, sizes, counts, retention, protection). Pure: the same JSON always gives the same text.
 */

/** Attributes shown where a resource has them: `a.b` descends into blocks, lists are joined. */
export const INVENTORY_ATTRIBUTES = [
  // What it is called: a change of most of these replaces the resource.
  "name",
  "name_prefix",
  "bucket",
  "identifier",
  "cluster_identifier",
  "replication_group_id",
  "alarm_name",
  "dashboard_name",
  "domain_name",
  "user_name",
  "cidr_block",
  // Size and engine.
  "engine",
  "engine_version",
  "instance_class",
  "node_type",
  "num_cache_clusters",
  "allocated_storage",
  "max_allocated_storage",
  "storage_type",
  "cpu",
  "memory",
  "min_capacity",
  "max_capacity",
  "environment.compute_type",
  // How many.
  "count",
  "for_each",
  // How long data is kept.
  "retention_in_days",
  "backup_retention_period",
  "snapshot_retention_limit",
  "performance_insights_retention_period",
  "deletion_window_in_days",
  "recovery_window_in_days",
  "min_retention_days",
  "max_retention_days",
  "changeable_for_days",
  "rule.lifecycle.delete_after",
  "rule.expiration.days",
  "rule.transition.days",
  "rule.noncurrent_version_expiration.noncurrent_days",
  // What protects it.
  "lifecycle.prevent_destroy",
  "deletion_protection",
  "deletion_protection_enabled",
  "enable_deletion_protection",
  "skip_final_snapshot",
  "force_destroy",
  "force_delete",
  "multi_az",
  "multi_az_enabled",
  "automatic_failover_enabled",
  "storage_encrypted",
  "at_rest_encryption_enabled",
  "transit_encryption_enabled",
  "enable_key_rotation",
  "point_in_time_recovery.enabled",
  "versioning_configuration.status",
  "image_tag_mutability",
  "is_multi_region_trail",
  "enable_log_file_validation",
  "publicly_accessible",
  "provider",
] as const;

/** Every value at a dotted path, descending through lists of blocks. */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return value === undefined || value === null ? [] : [value];
  if (typeof value !== "object" || value === null) return [];
  return valuesAt((value as Record<string, unknown>)[path[0]], path.slice(1));
}

/** A scalar as written in the inventory; references to other resources (a bucket's id) are left out as noise. */
function show(value: unknown): string | undefined {
  if (typeof value === "object") return undefined;
  const text = String(value);
  if (/^\$\{[a-z0-9_]+\.[^{}]+\}$/.test(text)) return undefined;
  return /^[^\s"=,]+$/.test(text) ? text : JSON.stringify(text);
}

/** `key=value` for each attribute of INVENTORY_ATTRIBUTES the block has. */
function attributes(block: unknown, keys: readonly string[] = INVENTORY_ATTRIBUTES): string {
  return keys
    .flatMap((key) => {
      const shown = valuesAt(block, key.split("."))
        .map(show)
        .filter((v): v is string => v !== undefined);
      return shown.length ? [`${key.replace(/^(rule|lifecycle)\./, "")}=${shown.join(",")}`] : [];
    })
    .join(" ");
}

const line = (...parts: string[]) => parts.filter(Boolean).join(" ");
const blocks = (json: any, key: string): [string, string, any][] =>
  Object.entries<any>(json[key] ?? {}).flatMap(([type, byName]) =>
    Object.entries<any>(byName).map(([name, block]): [string, string, any] => [type, name, block]),
  );

/** The inventory of one synthesized stack (its cdk.tf.json, parsed), one line per entry, sorted within each part. */
export function inventory(json: any): string {
  const providers = Object.entries<any>(json.provider ?? {}).flatMap(([type, list]) =>
    (Array.isArray(list) ? list : [list]).map((p) =>
      line(`provider ${type}${p.alias ? `.${p.alias}` : ""}`, attributes(p, ["region", "allowed_account_ids", "assume_role.role_arn"])),
    ),
  );
  const backends = Object.entries<any>(json.terraform?.backend ?? {}).map(([type, b]) => line(`backend ${type}`, attributes(b, ["bucket", "key", "path"])));
  const resources = blocks(json, "resource").map(([type, name, block]) => line(`${type}.${name}`, attributes(block)));
  const data = blocks(json, "data").map(([type, name]) => `data.${type}.${name}`);
  const outputs = Object.keys(json.output ?? {}).map((name) => `output.${name}`);
  const moved = (json.moved ?? []).map((m: any) => `moved ${m.from} -> ${m.to}`);
  return [...providers, ...backends, ...[...resources, ...data, ...outputs, ...moved].sort()].join("\n") + "\n";
}

/** Resource addresses of the given types: the stateful ones, for the address guard. */
export function addressesOf(json: any, types: readonly string[]): string[] {
  return blocks(json, "resource")
    .filter(([type]) => types.includes(type))
    .map(([type, name]) => `${type}.${name}`)
    .sort();
}

/** Addresses moved away from by a `moved` block (cdktf `moveTo`), with where they went. */
export function movedFrom(json: any): Map<string, string> {
  return new Map((json.moved ?? []).map((m: any) => [m.from, m.to]));
}
