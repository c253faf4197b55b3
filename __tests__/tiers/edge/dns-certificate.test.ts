import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { DnsCertificate } from "../../../src/tiers/edge/dns-certificate";
import { parsed, synth } from "../../helpers";

const build = (createZone: boolean) =>
  synth((scope) => {
    new DnsCertificate(scope, "dns", { zoneName: "notes.example.com", createZone, domain: "notes.example.com", alternativeNames: ["www.notes.example.com"] });
  });

describe("DnsCertificate", () => {
  const json = build(false);

  it("looks an existing public zone up by name", () => {
    expect(Object.values(parsed(json).data.aws_route53_zone)[0]).toMatchObject({ name: "notes.example.com", private_zone: false });
  });

  it("creates the zone when asked, refusing its destruction", () => {
    expect(build(true)).toHaveResourceWithProperties(Route53Zone, { name: "notes.example.com", lifecycle: { prevent_destroy: true } });
  });

  it("requests a DNS-validated certificate for the domain and its alternative names", () => {
    expect(json).toHaveResourceWithProperties(AcmCertificate, {
      domain_name: "notes.example.com",
      subject_alternative_names: ["www.notes.example.com"],
      validation_method: "DNS",
      lifecycle: { create_before_destroy: true },
    });
  });

  it("creates one validation record per name", () => {
    expect(json).toHaveResourceWithProperties(Route53Record, {
      for_each: expect.stringContaining("aws_acm_certificate.dns_certificate_"),
      name: "${each.value.resource_record_name}",
      ttl: 60,
    });
  });

  it("waits for validation through those records", () => {
    expect(json).toHaveResourceWithProperties(AcmCertificateValidation, {
      validation_record_fqdns: expect.stringContaining("aws_route53_record.dns_validation_"),
    });
  });
});
