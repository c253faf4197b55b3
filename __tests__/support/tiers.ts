import { Construct } from "constructs";
import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentConfig } from "../../src/config/schema";
import { PlatformContext, createPlatformContext } from "../../src/context";
import { EnvironmentName, exampleConfig } from "../helpers";

const { environments } = exampleConfig();

/** An example environment's validated configuration. */
export function environment(name: EnvironmentName): EnvironmentConfig {
  return environments[name];
}

/**
 * Synthesizes what `build` puts in a scope with the environment's providers and platform context
 * (workspace, logs key, alarm topic), as a tier gets it from EnvironmentStack; returns the JSON.
 */
export function synthTiers(name: EnvironmentName, build: (scope: Construct, context: PlatformContext, config: EnvironmentConfig) => void): string {
  const config = environment(name);
  return Testing.synthScope((scope) => {
    new AwsProvider(scope, "aws", { region: config.region });
    const dr = new AwsProvider(scope, "aws-dr", { alias: "dr", region: config.drRegion });
    const dns = new AwsProvider(scope, "aws-dns", { alias: "dns", region: config.region });
    build(scope, createPlatformContext(scope, config, dr, dns), config);
  });
}
