import { problemsWith } from "../helpers";

describe("front end schema", () => {
  it("accepts the example front ends", () => {
    expect(problemsWith("dev", () => undefined)).toEqual([]);
    expect(problemsWith("prod", () => undefined)).toEqual([]);
  });

  it("rejects a price class CloudFront does not have", () => {
    expect(problemsWith("dev", (e) => (e.frontend.priceClass = "PriceClass_50"))).toEqual([
      'dev: frontend.priceClass must be one of PriceClass_100, PriceClass_200, PriceClass_All, got "PriceClass_50"',
    ]);
  });

  it("rejects a domain outside the zone", () => {
    expect(problemsWith("dev", (e) => (e.frontend.domain = "app.example.org"))).toEqual([
      'dev: frontend.domain must be notes.example.com or a name inside it (dns.zone), e.g. app.dev.notes.example.com, got "app.example.org"',
    ]);
  });

  it("rejects the API's own domain", () => {
    expect(problemsWith("dev", (e) => (e.frontend.domain = "dev.notes.example.com"))).toEqual([
      'dev: frontend.domain must differ from dns.domain (dev.notes.example.com), the API\'s name: each has its own alias records, got "dev.notes.example.com"',
    ]);
  });

  it("rejects one of the API's other names", () => {
    expect(problemsWith("prod", (e) => (e.frontend.domain = "www.notes.example.com"))).toEqual([
      'prod: frontend.domain is also in edge.alternativeNames, the API\'s names: each name has one set of alias records; remove it there, got "www.notes.example.com"',
    ]);
  });

  it("accepts the zone's apex", () => {
    expect(problemsWith("prod", (e) => ((e.dns.domain = "api.notes.example.com"), (e.frontend.domain = "notes.example.com")))).toEqual([]);
  });

  it("does not check a front end that is off", () => {
    expect(problemsWith("dev", (e) => ((e.frontend.enabled = false), (e.frontend.domain = "app.example.org")))).toEqual([]);
  });

  it("requires default-src in the content security policy", () => {
    expect(problemsWith("dev", (e) => (e.frontend.contentSecurityPolicy = "img-src 'self'"))).toEqual([
      "dev: frontend.contentSecurityPolicy must set default-src, e.g. default-src 'self', got \"img-src 'self'\"",
    ]);
  });

  it("rejects a content security policy Terraform would interpolate", () => {
    expect(problemsWith("dev", (e) => (e.frontend.contentSecurityPolicy = "default-src 'self' ${var.x}"))).toEqual([
      "dev: frontend.contentSecurityPolicy must not hold ${ or %{ (Terraform would read them), got \"default-src 'self' ${var.x}\"",
    ]);
  });

  it("rejects a content security policy over two lines", () => {
    expect(problemsWith("dev", (e) => (e.frontend.contentSecurityPolicy = "default-src 'self';\nimg-src *"))).toEqual([
      expect.stringMatching(/^dev: frontend.contentSecurityPolicy must be one line of printable ASCII/),
    ]);
  });

  it("rejects a content security policy longer than CloudFront allows", () => {
    expect(problemsWith("dev", (e) => (e.frontend.contentSecurityPolicy = `default-src 'self' ${"a".repeat(1800)}`))).toEqual([
      expect.stringMatching(/^dev: frontend.contentSecurityPolicy must be at most 1783 characters \(CloudFront's limit\)/),
    ]);
  });

  it("rejects a log retention CloudWatch Logs does not offer", () => {
    expect(problemsWith("dev", (e) => (e.frontend.accessLogRetentionDays = 10))).toEqual([
      expect.stringMatching(/^dev: frontend.accessLogRetentionDays must be one of 1, 3, 5/),
    ]);
  });

  it("keeps prod's access logs a year", () => {
    expect(problemsWith("prod", (e) => (e.frontend.accessLogRetentionDays = 90))).toEqual([
      "prod: frontend.accessLogRetentionDays must be at least 365 in prod: access logs are security evidence, got 90",
    ]);
  });

  it("rejects a WAF rate limit below AWS's minimum", () => {
    expect(problemsWith("dev", (e) => (e.frontend.wafRateLimit = 5))).toEqual(["dev: frontend.wafRateLimit must be between 10 and 2000000000, got 5"]);
  });

  it("rejects an API path that is not a path pattern", () => {
    expect(problemsWith("dev", (e) => (e.frontend.apiPath = "api"))).toEqual(['dev: frontend.apiPath must be a path pattern such as /api/*, got "api"']);
  });

  it("refuses to close the load balancer to all but CloudFront without an API path", () => {
    expect(problemsWith("dev", (e) => ((e.frontend.apiPath = undefined), (e.frontend.albExposure = "cloudfront-only")))).toEqual([
      'dev: frontend.albExposure must be own-domain without frontend.apiPath: cloudfront-only would leave the API unreachable, got "cloudfront-only"',
    ]);
  });

  it("rejects an unknown load balancer exposure", () => {
    expect(problemsWith("dev", (e) => (e.frontend.albExposure = "public"))).toEqual([
      'dev: frontend.albExposure must be cloudfront-only or own-domain, got "public"',
    ]);
  });

  it("rejects a multi-line build command", () => {
    expect(problemsWith("dev", (e) => (e.frontend.build.command = "npm ci\nnpm run build"))).toEqual([
      expect.stringMatching(/^dev: frontend.build.command must be one line: chain steps with &&/),
    ]);
  });

  it("rejects an output folder outside the repository", () => {
    expect(problemsWith("dev", (e) => (e.frontend.build.outputDir = "../dist"))).toEqual([
      'dev: frontend.build.outputDir must be a path inside the repository such as web/dist, without .. or a leading /, got "../dist"',
    ]);
  });

  it("needs at least one trigger path", () => {
    expect(problemsWith("dev", (e) => (e.frontend.build.filePaths = []))).toEqual(["dev: frontend.build.filePaths must name at least one glob, got []"]);
  });

  it("keeps to CodePipeline's eight trigger globs", () => {
    expect(problemsWith("dev", (e) => (e.frontend.build.filePaths = Array.from({ length: 9 }, (_, i) => `web${i}/**`)))).toEqual([
      expect.stringMatching(/^dev: frontend.build.filePaths must hold at most 8 globs/),
    ]);
  });
});
