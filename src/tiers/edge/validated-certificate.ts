import { Construct } from "constructs";
import { TerraformIterator, Token } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { HostedZone } from "./hosted-zone";

export interface ValidatedCertificateProps {
  /**
   * The provider of the certificate's region: the stack's own for the load balancer, us-east-1 for CloudFront.
   * @default the stack's default provider
   */
  readonly provider?: AwsProvider;
  /** The public hosted zone the validation records go into, with the provider of its account. */
  readonly zone: HostedZone;
  readonly domain: string;
  /** @default none */
  readonly alternativeNames?: string[];
}

/**
 * A DNS-validated ACM certificate (ECDSA P-256, which ALB and CloudFront both accept) in `scope`,
 * as ids `certificate`, `validation` and `validated`. Returns the ARN once validated, so whatever
 * uses it waits for validation.
 */
export function validatedCertificate(scope: Construct, props: ValidatedCertificateProps): string {
  const certificate = new AcmCertificate(scope, "certificate", {
    provider: props.provider,
    domainName: props.domain,
    subjectAlternativeNames: props.alternativeNames?.length ? props.alternativeNames : undefined,
    validationMethod: "DNS",
    keyAlgorithm: "EC_prime256v1",
    // A replacement is issued before the old one goes, so its user is never without one.
    lifecycle: { createBeforeDestroy: true },
  });

  const options = TerraformIterator.fromComplexList(certificate.domainValidationOptions, "domain_name");
  const records = new Route53Record(scope, "validation", {
    provider: props.zone.provider,
    forEach: options,
    zoneId: props.zone.zoneId,
    name: options.getString("resource_record_name"),
    type: options.getString("resource_record_type"),
    records: [options.getString("resource_record_value")],
    ttl: 60,
    // ACM's validation record for a name is the same for every certificate of the account.
    allowOverwrite: true,
  });
  // The iterator writes `tolist(<options>)`: before the certificate exists its options are a set
  // known by domain name only, and converting such a set of two or more to a list gives an unknown
  // list, which for_each refuses at plan ("cannot be determined until apply"; cdktf #3627). A `for`
  // over the set itself has the keys at plan.
  records.addOverride("for_each", `\${{ for option in ${certificate.fqn}.domain_validation_options : option.domain_name => option }}`);
  return new AcmCertificateValidation(scope, "validated", {
    provider: props.provider,
    certificateArn: certificate.arn,
    validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
  }).certificateArn;
}
