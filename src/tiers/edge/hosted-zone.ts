import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

/**
 * The platform's public hosted zone as an environment reaches it: its id, and the provider every
 * lookup and record of it must use (the environment's record-writer role in the zone's account,
 * `PlatformContext.dnsProvider`). A record made with another provider would act in the
 * environment's own account, where the zone is not.
 */
export interface HostedZone {
  readonly zoneId: string;
  readonly provider: AwsProvider;
}
