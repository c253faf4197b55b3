import { App } from "cdktf";
import { loadConfig } from "./config/load";
import { BootstrapStack } from "./stacks/bootstrap-stack";
import { CiAccessStack } from "./stacks/ci-access-stack";
import { DnsStack } from "./stacks/dns-stack";
import { EnvironmentStack } from "./stacks/environment-stack";

export interface BuildAppOptions {
  /** Raw environment data, by name (environments/index.ts). */
  readonly environments: Record<string, unknown>;
  /** Raw state backend settings. */
  readonly state: unknown;
  /** Comma-separated stacks to synthesize; all when empty. */
  readonly selection?: string;
  /** Where to write; cdktf's default (cdktf.out) when unset. */
  readonly outdir?: string;
}

/**
 * Validates the whole configuration first (throwing ConfigError before any construct exists, so
 * nothing is synthesized from a bad one), then builds one stack per selected environment.
 */
export function buildApp(options: BuildAppOptions): App {
  const config = loadConfig(options.environments, options.state, options.selection);
  const app = new App({ outdir: options.outdir, skipValidation: false });
  for (const env of config.environments) new EnvironmentStack(app, env, config.state);
  if (config.stacks.includes("bootstrap")) {
    new BootstrapStack(app, "bootstrap", config.state, config.repository, Object.fromEntries(config.allEnvironments.map((e) => [e.name, e.accountId])));
  }
  if (config.stacks.includes("dns")) new DnsStack(app, "dns", config.state, config.allEnvironments, config.repository);
  for (const env of config.allEnvironments) {
    if (config.stacks.includes(`ci-${env.name}`)) new CiAccessStack(app, env, config.state);
  }
  return app;
}
