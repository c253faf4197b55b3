import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { CloudwatchLogDeliverySource } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-source";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { parsed, resources, synth } from "../../helpers";
import { MANAGED_POLICIES, SPA_ROUTING_FUNCTION, StaticSite } from "../../../src/tiers/edge/static-site";
import { buildEdge } from "./edge-fixtures";

describe("StaticSite", () => {
  let site: StaticSite | undefined;
  const json = synth((scope) => (site = buildEdge(scope).staticSite));
  const distribution = () => resources(json, "aws_cloudfront_distribution")[0];

  it("names the bucket with the account, as bucket names are global", () => {
    expect(resources(json, "aws_s3_bucket")[0].bucket).toBe("notes-dev-frontend-111111111111");
  });

  it("keeps the bucket private", () => {
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it("admits exactly its own distribution to the bucket, through OAC", () => {
    const docs = Object.values<any>(parsed(json).data.aws_iam_policy_document);
    const statement = docs.flatMap((d) => d.statement).find((s: any) => s.sid === "CloudFrontReadsThroughOac");
    expect(statement).toEqual({
      sid: "CloudFrontReadsThroughOac",
      principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
      actions: ["s3:GetObject"],
      resources: [expect.stringMatching(/^\$\{aws_s3_bucket\.site_content_bucket_[0-9A-F]+\.arn\}\/\*$/)],
      condition: [
        {
          test: "StringEquals",
          variable: "AWS:SourceArn",
          values: [expect.stringMatching(/^\$\{aws_cloudfront_distribution\.site_distribution_[0-9A-F]+\.arn\}$/)],
        },
      ],
    });
    expect(distribution().origin[0]).toMatchObject({
      origin_id: "site",
      origin_access_control_id: expect.stringMatching(/aws_cloudfront_origin_access_control/),
    });
  });

  it("serves its names with the us-east-1 certificate over TLS 1.2+", () => {
    expect(distribution()).toMatchObject({
      aliases: ["app.dev.notes.example.com"],
      viewer_certificate: {
        acm_certificate_arn: expect.stringMatching(/aws_acm_certificate_validation/),
        ssl_support_method: "sni-only",
        minimum_protocol_version: "TLSv1.2_2021",
      },
    });
  });

  it("speaks HTTP/2 and HTTP/3, compresses and redirects HTTP", () => {
    expect(json).toHaveResourceWithProperties(CloudfrontDistribution, {
      http_version: "http2and3",
      is_ipv6_enabled: true,
      default_cache_behavior: expect.objectContaining({ compress: true, viewer_protocol_policy: "redirect-to-https" }),
    });
  });

  it("sits behind the edge web ACL and uses the configured price class", () => {
    expect(distribution()).toMatchObject({ web_acl_id: expect.stringMatching(/aws_wafv2_web_acl\.waf_acl/), price_class: "PriceClass_100" });
  });

  it("adds the security headers and the configured content security policy", () => {
    expect(json).toHaveResourceWithProperties(CloudfrontResponseHeadersPolicy, {
      security_headers_config: {
        strict_transport_security: { access_control_max_age_sec: 63072000, include_subdomains: true, preload: false, override: true },
        content_type_options: { override: true },
        frame_options: { frame_option: "DENY", override: true },
        referrer_policy: { referrer_policy: "strict-origin-when-cross-origin", override: true },
        content_security_policy: { content_security_policy: "default-src 'self'", override: true },
      },
    });
  });

  it("routes client-side paths to /index.html on the site's behavior only", () => {
    expect(resources(json, "aws_cloudfront_function")[0]).toMatchObject({ runtime: "cloudfront-js-2.0", code: SPA_ROUTING_FUNCTION, publish: true });
    expect(distribution().default_cache_behavior.function_association).toEqual([
      { event_type: "viewer-request", function_arn: expect.stringMatching(/aws_cloudfront_function/) },
    ]);
    expect(distribution().ordered_cache_behavior[0].function_association).toBeUndefined();
    expect(distribution().custom_error_response).toBeUndefined();
  });

  it("leaves routing alone when SPA routing is off", () => {
    const off = synth((scope) => buildEdge(scope, { spaRouting: false }));
    expect(resources(off, "aws_cloudfront_function")).toHaveLength(0);
  });

  it("passes the API path uncached to the load balancer over HTTPS", () => {
    expect(distribution().origin[1]).toEqual({
      origin_id: "api",
      domain_name: "dev.notes.example.com",
      custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] },
    });
    expect(distribution().ordered_cache_behavior[0]).toMatchObject({
      path_pattern: "/api/*",
      target_origin_id: "api",
      allowed_methods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
      cache_policy_id: MANAGED_POLICIES.cachingDisabled,
      origin_request_policy_id: MANAGED_POLICIES.allViewerExceptHostHeader,
    });
  });

  it("has no API behavior without an API", () => {
    const alone = synth((scope) => buildEdge(scope, { api: undefined }));
    expect(resources(alone, "aws_cloudfront_distribution")[0].ordered_cache_behavior).toBeUndefined();
    expect(resources(alone, "aws_cloudfront_distribution")[0].origin).toHaveLength(1);
  });

  it("delivers access logs to a log group with retention in us-east-1", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/aws/vendedlogs/cloudfront/notes-dev-frontend",
      retention_in_days: 30,
      provider: "aws.edge",
    });
    expect(json).toHaveResourceWithProperties(CloudwatchLogDeliverySource, { log_type: "ACCESS_LOGS", provider: "aws.edge" });
    expect(resources(json, "aws_cloudwatch_log_delivery")[0]).toMatchObject({
      provider: "aws.edge",
      delivery_source_name: expect.stringMatching(/log-source/),
    });
  });

  it("alarms on the 5xx rate and origin latency in us-east-1, dimension Region=Global", () => {
    const alarms = resources(json, "aws_cloudwatch_metric_alarm");
    expect(alarms.map((a) => [a.metric_name, a.statistic ?? a.extended_statistic, a.threshold, a.provider])).toEqual([
      ["5xxErrorRate", "Average", 5, "aws.edge"],
      ["OriginLatency", "p90", 2000, "aws.edge"],
    ]);
    expect(alarms[0].dimensions).toEqual({ DistributionId: expect.stringMatching(/aws_cloudfront_distribution/), Region: "Global" });
    expect(resources(json, "aws_cloudfront_monitoring_subscription")[0].monitoring_subscription).toEqual({
      realtime_metrics_subscription_config: { realtime_metrics_subscription_status: "Enabled" },
    });
  });

  it("exposes the metrics for the dashboard with their region", () => {
    expect(site!.metrics.originLatency).toMatchObject({
      namespace: "AWS/CloudFront",
      metricName: "OriginLatency",
      region: "us-east-1",
      dimensions: { Region: "Global" },
    });
  });

  it("lets the delivery stage write the bucket and invalidate, nothing more", () => {
    const statements = site!.deployStatements("eu-central-1");
    expect(statements.map((s) => s.actions)).toEqual([
      ["s3:ListBucket"],
      ["s3:PutObject", "s3:DeleteObject"],
      ["kms:GenerateDataKey", "kms:Decrypt"],
      ["cloudfront:CreateInvalidation"],
    ]);
    expect(statements.map((s) => s.resources?.length)).toEqual([1, 1, 1, 1]);
    expect(statements[2].condition).toEqual([{ test: "StringEquals", variable: "kms:ViaService", values: ["s3.eu-central-1.amazonaws.com"] }]);
  });
});
