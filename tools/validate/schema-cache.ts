/**
 * Keeps the extracted provider schema under node_modules/.cache/validate, keyed by the provider
 * package's version; rebuilt when missing, unreadable, of an older format or of another version.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ProviderSchema } from "./schema";
import { SCHEMA_FORMAT, extractProviderSchema } from "./schema-extract";

export interface SchemaLocation {
  /** The project root, holding node_modules. */
  readonly root: string;
  /** @default <root>/node_modules/@cdktf/provider-aws */
  readonly packageDir?: string;
  /** @default <root>/node_modules/.cache/validate */
  readonly cacheDir?: string;
}

export interface LoadedSchema {
  readonly schema: ProviderSchema;
  readonly cacheFile: string;
  /** Whether this call extracted the schema (slow) rather than reading the cache. */
  readonly built: boolean;
  readonly milliseconds: number;
}

function packageVersion(packageDir: string): string {
  return (JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }).version;
}

function readCache(file: string, version: string): ProviderSchema | undefined {
  try {
    const schema = JSON.parse(fs.readFileSync(file, "utf8")) as ProviderSchema;
    return schema.format === SCHEMA_FORMAT && schema.packageVersion === version ? schema : undefined;
  } catch {
    return undefined;
  }
}

export function loadProviderSchema(location: SchemaLocation): LoadedSchema {
  const started = Date.now();
  const packageDir = location.packageDir ?? path.join(location.root, "node_modules", "@cdktf", "provider-aws");
  const cacheDir = location.cacheDir ?? path.join(location.root, "node_modules", ".cache", "validate");
  const version = packageVersion(packageDir);
  const cacheFile = path.join(cacheDir, `provider-schema-${version}.json`);

  const cached = readCache(cacheFile, version);
  if (cached) return { schema: cached, cacheFile, built: false, milliseconds: Date.now() - started };

  const schema = extractProviderSchema(packageDir);
  fs.mkdirSync(cacheDir, { recursive: true });
  // Write then rename: a concurrent reader (another test worker) never sees half a file.
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(schema));
  fs.renameSync(temporary, cacheFile);
  return { schema, cacheFile, built: true, milliseconds: Date.now() - started };
}
