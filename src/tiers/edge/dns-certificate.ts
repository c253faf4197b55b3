import { Construct } from "constructs";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { validatedCertificate } from "./validated-certificate";

export interface DnsCertificateProps {
  /** The hosted zone's name. */
  readonly zoneName: string;
  /** Create the zone (its NS records must then be delegated) or look up an existing one by name. */
  readonly createZone: boolean;
  /** The name the app is served on. */
  readonly domain: string;
  /**
   * More names on the same certificate, e.g. www.<domain>.
   * @default none
   */
  readonly alternativeNames?: string[];
  /**
   * prevent_destroy on a created zone: deleting it loses every record and the delegation.
   * @default true
   */
  readonly protect?: boolean;
}

/** The hosted zone and a DNS-validated ACM certificate for the app's names. */
export class DnsCertificate extends Construct {
  public readonly zoneId: string;
  /** The certificate's ARN, once validated: listeners that use it wait for validation. */
  public readonly certificateArn: string;
  /** Every name the certificate covers: the alias records point these at the load balancer. */
  public readonly names: string[];

  constructor(scope: Construct, id: string, props: DnsCertificateProps) {
    super(scope, id);
    this.names = [props.domain, ...(props.alternativeNames ?? [])];
    this.zoneId = props.createZone
      ? new Route53Zone(this, "zone", { name: props.zoneName, lifecycle: { preventDestroy: props.protect ?? true } }).zoneId
      : new DataAwsRoute53Zone(this, "zone", { name: props.zoneName, privateZone: false }).zoneId;

    this.certificateArn = validatedCertificate(this, { zoneId: this.zoneId, domain: props.domain, alternativeNames: props.alternativeNames });
  }
}
