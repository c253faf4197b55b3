/**
 * What differs between the database engines this project deploys: the facts the schema validates
 * against and the constructs build from, in one place.
 */

export const DATABASE_ENGINE_NAMES = ["postgres", "aurora-postgresql", "aurora-mysql"] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINE_NAMES)[number];

export interface DatabaseEngineFacts {
  /** Aurora (a cluster of instances on shared storage) rather than a single RDS instance. */
  readonly aurora: boolean;
  readonly port: number;
  /** Versions this engine accepts; the first capture group is what the parameter group family needs. */
  readonly version: RegExp;
  /** How a valid version looks, for error messages. */
  readonly versionExample: string;
  /** Parameter group family for a version that matches `version`. */
  readonly family: (version: string) => string;
  /** The parameter that makes the server refuse connections without TLS. */
  readonly tlsParameter: { readonly name: string; readonly value: string };
  /** Further parameters, e.g. those the exported logs need. */
  readonly extraParameters: readonly { readonly name: string; readonly value: string }[];
  /** Logs exported to CloudWatch (enabled_cloudwatch_logs_exports). */
  readonly logExports: readonly string[];
  /** Instance classes the engine runs on, and the same in words. */
  readonly instanceClass: RegExp;
  readonly instanceClassAllowed: string;
  /**
   * ARN kinds of the snapshots it restores from: `snapshot` (of an RDS instance) or
   * `cluster-snapshot` (of an Aurora cluster). Aurora PostgreSQL also restores an RDS PostgreSQL
   * instance's snapshot, given by ARN: the way from RDS PostgreSQL to Aurora.
   */
  readonly snapshotKinds: readonly ("snapshot" | "cluster-snapshot")[];
}

const match = (pattern: RegExp, version: string) => pattern.exec(version)?.[1] ?? version;
const AURORA_CLASSES = /^db\.(t3|t4g)\.(medium|large)$|^db\.(r|x)\d+[a-z]*\.[0-9]*x?large$/;
const AURORA_CLASSES_ALLOWED =
  "db.t3.medium, db.t4g.medium or larger (db.t3/db.t4g medium or large, db.r*, db.x*); Aurora runs on no micro or small class, and Aurora Serverless (db.serverless) is not supported here";

export const DATABASE_ENGINES: Record<DatabaseEngine, DatabaseEngineFacts> = {
  postgres: {
    aurora: false,
    port: 5432,
    // The major version alone ("16") is best with automatic minor upgrades: no drift when AWS applies one.
    version: /^(1[2-9]|[2-9]\d)(?:\.\d+)?$/,
    versionExample: "16 or 16.6",
    family: (v) => `postgres${match(DATABASE_ENGINES.postgres.version, v)}`,
    tlsParameter: { name: "rds.force_ssl", value: "1" },
    extraParameters: [],
    logExports: ["postgresql", "upgrade"],
    instanceClass: /^db\.[a-z0-9-]+\.[a-z0-9]+$/,
    instanceClassAllowed: "an RDS instance class such as db.t4g.micro",
    snapshotKinds: ["snapshot"],
  },
  "aurora-postgresql": {
    aurora: true,
    port: 5432,
    version: /^(1[2-9]|[2-9]\d)\.\d+$/,
    versionExample: "16.6",
    family: (v) => `aurora-postgresql${match(DATABASE_ENGINES["aurora-postgresql"].version, v)}`,
    tlsParameter: { name: "rds.force_ssl", value: "1" },
    extraParameters: [],
    logExports: ["postgresql"],
    instanceClass: AURORA_CLASSES,
    instanceClassAllowed: AURORA_CLASSES_ALLOWED,
    snapshotKinds: ["cluster-snapshot", "snapshot"],
  },
  "aurora-mysql": {
    aurora: true,
    port: 3306,
    version: /^(\d\.\d)\.mysql_aurora\.\d+\.\d+\.\d+$/,
    versionExample: "8.0.mysql_aurora.3.08.2",
    family: (v) => `aurora-mysql${match(DATABASE_ENGINES["aurora-mysql"].version, v)}`,
    tlsParameter: { name: "require_secure_transport", value: "ON" },
    // The slow query log is only exported when the server writes it, to a file.
    extraParameters: [
      { name: "slow_query_log", value: "1" },
      { name: "log_output", value: "FILE" },
    ],
    logExports: ["error", "slowquery"],
    instanceClass: AURORA_CLASSES,
    instanceClassAllowed: AURORA_CLASSES_ALLOWED,
    snapshotKinds: ["cluster-snapshot"],
  },
};

export const CACHE_ENGINE_NAMES = ["redis", "valkey"] as const;
export type CacheEngine = (typeof CACHE_ENGINE_NAMES)[number];

/** Versions with IAM authentication (Redis OSS 7.0+, Valkey 7.2+), which the cache's only user needs. */
export const CACHE_ENGINE_VERSIONS: Record<CacheEngine, { readonly version: RegExp; readonly allowed: string }> = {
  redis: { version: /^7\.[01]$/, allowed: "a Redis OSS version 7.0 or 7.1 (IAM authentication needs 7.0 or later)" },
  valkey: { version: /^(7\.2|[89]\.\d)$/, allowed: "a Valkey version such as 7.2, 8.0 or 8.1" },
};
