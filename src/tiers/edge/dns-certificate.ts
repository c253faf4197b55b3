import { Construct } from "constructs";
import { TerraformIterator, Token } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";

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

    const certificate = new AcmCertificate(this, "certificate", {
      domainName: props.domain,
      subjectAlternativeNames: props.alternativeNames?.length ? props.alternativeNames : undefined,
      validationMethod: "DNS",
      keyAlgorithm: "EC_prime256v1",
      // A replacement is issued before the old one goes, so the listener is never without one.
      lifecycle: { createBeforeDestroy: true },
    });

    const options = TerraformIterator.fromComplexList(certificate.domainValidationOptions, "domain_name");
    const records = new Route53Record(this, "validation", {
      forEach: options,
      zoneId: this.zoneId,
      name: options.getString("resource_record_name"),
      type: options.getString("resource_record_type"),
      records: [options.getString("resource_record_value")],
      ttl: 60,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "validated", {
      certificateArn: certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
    });
    this.certificateArn = validation.certificateArn;
  }
}
