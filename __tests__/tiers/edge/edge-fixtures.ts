import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { naming } from "../../helpers";
import { EdgeCertificate } from "../../../src/tiers/edge/edge-certificate";
import { EdgeFirewall } from "../../../src/tiers/edge/edge-firewall";
import { HostedZone } from "../../../src/tiers/edge/hosted-zone";
import { StaticSite, StaticSiteProps } from "../../../src/tiers/edge/static-site";

/** The us-east-1 provider alias the edge constructs take. */
export const edgeProvider = (scope: Construct) => new AwsProvider(scope, "aws-edge", { alias: "edge", region: "us-east-1" });

/** The zone as the edge tier hands it on: an id and the `dns` provider of the zone's account. */
export const testZone = (scope: Construct): HostedZone => ({
  zoneId: "Z123",
  provider: new AwsProvider(scope, "aws-dns", { alias: "dns", region: "eu-central-1" }),
});

/** Certificate, firewall and site, as the edge tier puts them together. */
export function buildEdge(scope: Construct, site: Partial<StaticSiteProps> = {}) {
  const provider = edgeProvider(scope);
  const certificate = new EdgeCertificate(scope, "cert", { provider, zone: testZone(scope), domain: "app.dev.notes.example.com" });
  const firewall = new EdgeFirewall(scope, "waf", { naming, provider, accountId: "111111111111", rateLimit: 2000, logRetentionDays: 30 });
  const staticSite = new StaticSite(scope, "site", {
    naming,
    provider,
    accountId: "111111111111",
    certificate,
    webAcl: firewall.webAcl,
    priceClass: "PriceClass_100",
    contentSecurityPolicy: "default-src 'self'",
    accessLogRetentionDays: 30,
    api: { pathPattern: "/api/*", originDomain: "dev.notes.example.com" },
    protect: false,
    errorRatePercent: 5,
    originLatencyMs: 2000,
    ...site,
  });
  certificate.aliasTo(staticSite.distribution);
  return { certificate, firewall, staticSite };
}
