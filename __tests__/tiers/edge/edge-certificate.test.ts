import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { resources, synth } from "../../helpers";
import { buildEdge } from "./edge-fixtures";

describe("EdgeCertificate", () => {
  const json = synth((scope) => buildEdge(scope));
  const records = () => resources(json, "aws_route53_record");

  it("issues the certificate in us-east-1, where CloudFront takes it from", () => {
    expect(json).toHaveResourceWithProperties(AcmCertificate, { domain_name: "app.dev.notes.example.com", validation_method: "DNS", provider: "aws.edge" });
  });

  it("waits for validation in us-east-1 too", () => {
    expect(json).toHaveResourceWithProperties(AcmCertificateValidation, { provider: "aws.edge" });
  });

  it("validates by DNS records in the zone it is given", () => {
    const validation = records().find((r) => r.for_each);
    expect(validation).toMatchObject({ zone_id: "Z123", ttl: 60, allow_overwrite: true });
  });

  it("writes every record through the zone's provider, in the zone's account", () => {
    expect(records().map((r) => r.provider)).toEqual(["aws.dns", "aws.dns", "aws.dns"]);
  });

  it("points A and AAAA alias records of each name at the distribution", () => {
    const aliases = records().filter((r) => r.alias);
    expect(aliases.map((r) => [r.name, r.type])).toEqual([
      ["app.dev.notes.example.com", "A"],
      ["app.dev.notes.example.com", "AAAA"],
    ]);
    expect(aliases[0].alias).toEqual({
      name: expect.stringMatching(/aws_cloudfront_distribution\.site_distribution_[0-9A-F]+\.domain_name/),
      zone_id: expect.stringMatching(/aws_cloudfront_distribution\.site_distribution_[0-9A-F]+\.hosted_zone_id/),
      evaluate_target_health: false,
    });
  });
});
