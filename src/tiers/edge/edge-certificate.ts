import { Construct } from "constructs";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { HostedZone } from "./hosted-zone";
import { validatedCertificate } from "./validated-certificate";

export interface EdgeCertificateProps {
  /** An AWS provider for us-east-1: CloudFront takes certificates only from ACM there. */
  readonly provider: AwsProvider;
  /** The public hosted zone the validation and alias records go into, with the provider of its account (the edge tier's `zone`). */
  readonly zone: HostedZone;
  /** The name the front end is served on, e.g. app.<domain> or the zone's apex. */
  readonly domain: string;
  /**
   * More names on the same certificate and distribution.
   * @default none
   */
  readonly alternativeNames?: string[];
}

/**
 * The front end's names: a DNS-validated ACM certificate in us-east-1 (validated by records in the
 * zone, as the API's certificate is), and, once the distribution exists, A and AAAA alias records
 * pointing every name at it (`aliasTo`).
 */
export class EdgeCertificate extends Construct {
  /** The certificate's ARN, once validated: the distribution waits for validation. */
  public readonly certificateArn: string;
  /** Every name the certificate covers: the distribution's aliases. */
  public readonly names: string[];
  private readonly zone: HostedZone;

  constructor(scope: Construct, id: string, props: EdgeCertificateProps) {
    super(scope, id);
    this.names = [props.domain, ...(props.alternativeNames ?? [])];
    this.zone = props.zone;

    this.certificateArn = validatedCertificate(this, {
      provider: props.provider,
      zone: props.zone,
      domain: props.domain,
      alternativeNames: props.alternativeNames,
    });
  }

  /** A and AAAA alias records of every name, pointing at the distribution. */
  public aliasTo(distribution: CloudfrontDistribution): void {
    for (const [i, name] of this.names.entries()) {
      for (const type of ["A", "AAAA"]) {
        new Route53Record(this, `alias-${i}-${type.toLowerCase()}`, {
          provider: this.zone.provider,
          zoneId: this.zone.zoneId,
          name,
          type,
          // CloudFront has no health to evaluate.
          alias: { name: distribution.domainName, zoneId: distribution.hostedZoneId, evaluateTargetHealth: false },
        });
      }
    }
  }
}
