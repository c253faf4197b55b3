import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { DnsCertificate } from "../../../src/tiers/edge/dns-certificate";
import { parsed, synth } from "../../helpers";

const json = synth((scope) => {
  const dnsProvider = new AwsProvider(scope, "aws-dns", { alias: "dns", region: "eu-central-1" });
  new DnsCertificate(scope, "dns", { zoneName: "notes.example.com", dnsProvider, domain: "notes.example.com", alternativeNames: ["www.notes.example.com"] });
});

describe("DnsCertificate", () => {
  it("looks the public zone up by name in the zone's account", () => {
    expect(Object.values(parsed(json).data.aws_route53_zone)[0]).toMatchObject({ name: "notes.example.com", private_zone: false, provider: "aws.dns" });
  });

  it("creates no zone: the dns stack owns it", () => {
    expect(parsed(json).resource.aws_route53_zone).toBeUndefined();
  });

  it("requests a DNS-validated certificate for the domain and its alternative names, in the environment's account", () => {
    expect(json).toHaveResourceWithProperties(AcmCertificate, {
      domain_name: "notes.example.com",
      subject_alternative_names: ["www.notes.example.com"],
      validation_method: "DNS",
      lifecycle: { create_before_destroy: true },
    });
    expect(Object.values<any>(parsed(json).resource.aws_acm_certificate)[0].provider).toBeUndefined();
  });

  it("creates one validation record per name, through the zone's provider", () => {
    expect(json).toHaveResourceWithProperties(Route53Record, {
      for_each: expect.stringContaining("aws_acm_certificate.dns_certificate_"),
      name: "${each.value.resource_record_name}",
      ttl: 60,
      provider: "aws.dns",
    });
  });

  // Converting the options (a set of two or more, partly unknown before the certificate exists) to
  // a list would make for_each unknown at the first plan.
  it("keys the validation records by domain name with a for over the options' set, never tolist", () => {
    const [record] = Object.values<any>(parsed(json).resource.aws_route53_record);
    expect(record.for_each).toMatch(
      /^\$\{\{ for option in aws_acm_certificate\.dns_certificate_[0-9A-F]+\.domain_validation_options : option\.domain_name => option \}\}$/,
    );
    expect(record.for_each).not.toContain("tolist");
  });

  it("waits for validation through those records", () => {
    expect(json).toHaveResourceWithProperties(AcmCertificateValidation, {
      validation_record_fqdns: expect.stringContaining("aws_route53_record.dns_validation_"),
    });
  });
});
