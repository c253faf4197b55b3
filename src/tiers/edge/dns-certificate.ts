import { Construct } from "constructs";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { HostedZone } from "./hosted-zone";
import { validatedCertificate } from "./validated-certificate";

export interface DnsCertificateProps {
  /** The hosted zone's name: the platform's zone, which the dns stack owns. */
  readonly zoneName: string;
  /** The provider of the zone's account (`PlatformContext.dnsProvider`): the lookup and every record use it. */
  readonly dnsProvider: AwsProvider;
  /** The name the app is served on. */
  readonly domain: string;
  /**
   * More names on the same certificate, e.g. www.<domain>.
   * @default none
   */
  readonly alternativeNames?: string[];
}

/** The hosted zone, looked up in its account, and a DNS-validated ACM certificate for the app's names. */
export class DnsCertificate extends Construct {
  /** The zone with its provider: whatever writes a record of the environment takes this. */
  public readonly zone: HostedZone;
  /** The certificate's ARN, once validated: listeners that use it wait for validation. */
  public readonly certificateArn: string;
  /** Every name the certificate covers: the alias records point these at the load balancer. */
  public readonly names: string[];

  constructor(scope: Construct, id: string, props: DnsCertificateProps) {
    super(scope, id);
    this.names = [props.domain, ...(props.alternativeNames ?? [])];
    const provider = props.dnsProvider;
    this.zone = { zoneId: new DataAwsRoute53Zone(this, "zone", { provider, name: props.zoneName, privateZone: false }).zoneId, provider };

    this.certificateArn = validatedCertificate(this, { zone: this.zone, domain: props.domain, alternativeNames: props.alternativeNames });
  }
}
