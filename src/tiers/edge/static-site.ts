import { Construct } from "constructs";
import { Lazy } from "cdktf";
import {
  CloudfrontDistribution,
  CloudfrontDistributionOrderedCacheBehavior,
  CloudfrontDistributionOrigin,
} from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontFunction } from "@cdktf/provider-aws/lib/cloudfront-function";
import { CloudfrontMonitoringSubscription } from "@cdktf/provider-aws/lib/cloudfront-monitoring-subscription";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { CloudwatchLogDelivery } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery";
import { CloudwatchLogDeliveryDestination } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination";
import { CloudwatchLogDeliverySource } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-source";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Metric, MetricStat, metricAlarm } from "../../shared/alarm";
import { EncryptionKey } from "../../shared/encryption-key";
import { SecureBucket } from "../../shared/secure-bucket";
import { Naming } from "../../naming";
import { EdgeCertificate } from "./edge-certificate";
import { EDGE_REGION } from "./edge-firewall";

/** AWS managed CloudFront policies, by their fixed ids (CloudFront developer guide, "Use managed ... policies"). */
export const MANAGED_POLICIES = {
  cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
  cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
  /** Every viewer header, cookie and query string except Host: the origin sees its own name, which its certificate covers. */
  allViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
} as const;

/**
 * Client-side routes (paths without a file extension) are answered by /index.html. One line and
 * no backslash: cdktf's HCL renders a multi-line string as a heredoc (with a newline the JSON
 * lacks) and does not escape backslashes.
 */
export const SPA_ROUTING_FUNCTION =
  'function handler(event) { var request = event.request; if (!/[.][A-Za-z0-9]+$/.test(request.uri)) { request.uri = "/index.html"; } return request; }';

/** A CloudFront metric, as an alarm and a dashboard widget both read it. CloudFront publishes in us-east-1 only. */
export interface EdgeMetric extends Metric {
  readonly namespace: "AWS/CloudFront";
  readonly dimensions: { readonly DistributionId: string; readonly Region: "Global" };
  /** Seconds per datapoint. */
  readonly period: number;
  readonly region: typeof EDGE_REGION;
  readonly label: string;
}

export interface StaticSiteApi {
  /** Path pattern of the API behind the distribution, e.g. `/api/*`. */
  readonly pathPattern: string;
  /** The name the load balancer serves HTTPS on (its certificate covers it): the API's own domain. */
  readonly originDomain: string;
}

export interface StaticSiteProps {
  readonly naming: Naming;
  /** An AWS provider for us-east-1: the access log delivery, its log group and the alarms live there. */
  readonly provider: AwsProvider;
  readonly accountId: string;
  /** The front end's names and their certificate (in us-east-1). */
  readonly certificate: EdgeCertificate;
  /** The CLOUDFRONT-scope web ACL in front of the distribution. */
  readonly webAcl: Wafv2WebAcl;
  /** Edge locations that serve the site: PriceClass_100, PriceClass_200 or PriceClass_All. */
  readonly priceClass: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
  /**
   * Answer client-side routes (paths without a file extension) with /index.html. Done by a
   * CloudFront Function on the site's behavior, not by custom error responses, which would apply
   * to the whole distribution and turn the API's 403 and 404 into the index page.
   * @default true
   */
  readonly spaRouting?: boolean;
  /** The Content-Security-Policy header on every response. */
  readonly contentSecurityPolicy: string;
  /** Days the access logs are kept. */
  readonly accessLogRetentionDays: number;
  /** Key for the access log group, in us-east-1 (a log group takes keys of its own region only). */
  readonly logsKey: KmsKey;
  /**
   * The API behind the same distribution: uncached, every method, all viewer headers but Host,
   * cookies and query strings forwarded over HTTPS to the load balancer.
   * @default none
   */
  readonly api?: StaticSiteApi;
  /**
   * prevent_destroy on the bucket. Its content is rebuilt by the pipeline, so this guards against
   * an outage more than a loss.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Where the distribution's alarms go: an SNS topic in us-east-1 (an alarm can only notify a topic
   * in its own region).
   * @default no notification
   */
  readonly alarmTopic?: SnsTopic;
  /** Share of requests (%) answered with a 5xx above which the error-rate alarm fires. */
  readonly errorRatePercent: number;
  /** p90 origin latency (milliseconds) above which the latency alarm fires. */
  readonly originLatencyMs: number;
}

/**
 * The static front end: a private, encrypted, versioned S3 bucket read only by one CloudFront
 * distribution through Origin Access Control; TLS 1.2+ on the front end's own names, HTTP/2 and
 * HTTP/3, compression, security headers, SPA routing, access logs (CloudFront standard logging
 * v2 to CloudWatch Logs in us-east-1) and, optionally, the API on a path. Exposes what the
 * delivery stage may do (`deployStatements`) and the distribution's metrics and alarms.
 */
export class StaticSite extends Construct {
  public readonly bucket: SecureBucket;
  /** Encrypts the bucket's content (SSE-KMS, bucket keys): CloudFront decrypts for this distribution only, the delivery stage encrypts. */
  public readonly contentKey: EncryptionKey;
  public readonly distribution: CloudfrontDistribution;
  public readonly accessLogGroup: CloudwatchLogGroup;
  /** The distribution's metrics, for the dashboard (widgets of region us-east-1). */
  public readonly metrics: { readonly errorRate5xx: EdgeMetric; readonly originLatency: EdgeMetric };
  public readonly alarms: CloudwatchMetricAlarm[];
  private readonly naming: Naming;
  private readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id);
    const { naming, provider } = props;
    this.naming = naming;
    this.provider = provider;
    const spaRouting = props.spaRouting ?? true;

    // The bucket policy names the bucket and the distribution, neither of which exists yet when
    // the policy is declared: it reads both lazily, at synthesis.
    const distributionArn = Lazy.stringValue({ produce: () => this.distribution.arn });
    const objects = Lazy.stringValue({ produce: () => `${this.bucket.bucket.arn}/*` });
    const readsThroughOac = [{ test: "StringEquals", variable: "AWS:SourceArn", values: [distributionArn] }];
    this.contentKey = new EncryptionKey(this, "content-key", {
      naming,
      purpose: "frontend",
      accountId: props.accountId,
      // The content is rebuilt by the pipeline: nothing is lost with the key.
      protect: false,
      serviceStatements: [
        {
          sid: "CloudFrontDecryptsThroughOac",
          principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
          actions: ["kms:Decrypt"],
          resources: ["*"],
          condition: readsThroughOac,
        },
      ],
    });
    this.bucket = new SecureBucket(this, "content", {
      // Bucket names are global: the account id keeps this one free for the taking.
      bucketName: naming.name("s3Bucket", "frontend", props.accountId),
      kmsKey: this.contentKey.key,
      // A rollback of the content is a redeploy; a month of old versions is plenty.
      noncurrentVersionExpirationDays: 30,
      protect: props.protect ?? true,
      policyStatements: [
        {
          sid: "CloudFrontReadsThroughOac",
          principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
          actions: ["s3:GetObject"],
          resources: [objects],
          condition: readsThroughOac,
        },
      ],
    });

    const oac = new CloudfrontOriginAccessControl(this, "oac", {
      name: naming.name("wafName", "frontend"),
      description: "The front end's bucket, read only by its distribution",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    const headers = new CloudfrontResponseHeadersPolicy(this, "headers", {
      name: naming.name("wafName", "frontend-headers"),
      comment: "Security headers of the front end",
      securityHeadersConfig: {
        // Two years, subdomains included: browsers never try plain HTTP.
        strictTransportSecurity: { accessControlMaxAgeSec: 63072000, includeSubdomains: true, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: "DENY", override: true },
        referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
        contentSecurityPolicy: { contentSecurityPolicy: props.contentSecurityPolicy, override: true },
      },
    });
    const routing = spaRouting
      ? new CloudfrontFunction(this, "spa-routing", {
          name: naming.name("wafName", "frontend-routes"),
          runtime: "cloudfront-js-2.0",
          comment: "Client-side routes answer with /index.html",
          code: SPA_ROUTING_FUNCTION,
          publish: true,
        })
      : undefined;

    const origins: CloudfrontDistributionOrigin[] = [
      { originId: "site", domainName: this.bucket.bucket.bucketRegionalDomainName, originAccessControlId: oac.id },
    ];
    const behaviors: CloudfrontDistributionOrderedCacheBehavior[] = [];
    if (props.api) {
      origins.push({
        originId: "api",
        domainName: props.api.originDomain,
        customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
      });
      behaviors.push({
        pathPattern: props.api.pathPattern,
        targetOriginId: "api",
        // No redirect: a redirected POST loses its body.
        viewerProtocolPolicy: "https-only",
        allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
        cachedMethods: ["GET", "HEAD"],
        compress: true,
        cachePolicyId: MANAGED_POLICIES.cachingDisabled,
        originRequestPolicyId: MANAGED_POLICIES.allViewerExceptHostHeader,
        responseHeadersPolicyId: headers.id,
      });
    }

    this.distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      comment: naming.name("tag", "frontend"),
      aliases: props.certificate.names,
      defaultRootObject: "index.html",
      httpVersion: "http2and3",
      isIpv6Enabled: true,
      priceClass: props.priceClass,
      webAclId: props.webAcl.arn,
      origin: origins,
      defaultCacheBehavior: {
        targetOriginId: "site",
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD", "OPTIONS"],
        cachedMethods: ["GET", "HEAD"],
        compress: true,
        // Caching honours the objects' Cache-Control, which the delivery stage sets per file.
        cachePolicyId: MANAGED_POLICIES.cachingOptimized,
        responseHeadersPolicyId: headers.id,
        functionAssociation: routing ? [{ eventType: "viewer-request", functionArn: routing.arn }] : undefined,
      },
      orderedCacheBehavior: behaviors.length ? behaviors : undefined,
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: { acmCertificateArn: props.certificate.certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
      waitForDeployment: false,
    });

    this.accessLogGroup = this.accessLogs(props);
    this.metrics = {
      errorRate5xx: this.metric("5xxErrorRate", "Average", "5xx error rate (%)"),
      originLatency: this.metric("OriginLatency", "p90", "Origin latency p90 (ms)"),
    };
    // OriginLatency is one of the additional metrics, published only with a monitoring subscription.
    new CloudfrontMonitoringSubscription(this, "additional-metrics", {
      provider,
      distributionId: this.distribution.id,
      monitoringSubscription: { realtimeMetricsSubscriptionConfig: { realtimeMetricsSubscriptionStatus: "Enabled" } },
    });
    this.alarms = [
      this.alarm("frontend-5xx", this.metrics.errorRate5xx, props.errorRatePercent, "The front end answers too many requests with a 5xx", props.alarmTopic),
      this.alarm("frontend-origin-latency", this.metrics.originLatency, props.originLatencyMs, "The front end's origins answer slowly", props.alarmTopic),
    ];
  }

  /**
   * What the delivery stage's role may do: replace the bucket's content (encrypting it with the
   * content key, through S3 only: multipart uploads decrypt too) and invalidate the distribution.
   */
  public deployStatements(region: string): DataAwsIamPolicyDocumentStatement[] {
    return [
      { sid: "ListSite", actions: ["s3:ListBucket"], resources: [this.bucket.bucket.arn] },
      { sid: "WriteSite", actions: ["s3:PutObject", "s3:DeleteObject"], resources: [`${this.bucket.bucket.arn}/*`] },
      {
        sid: "EncryptSite",
        actions: ["kms:GenerateDataKey", "kms:Decrypt"],
        resources: [this.contentKey.key.arn],
        condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`s3.${region}.amazonaws.com`] }],
      },
      { sid: "Invalidate", actions: ["cloudfront:CreateInvalidation"], resources: [this.distribution.arn] },
    ];
  }

  /** CloudFront standard logging (v2): the distribution's access logs to a log group in us-east-1. */
  private accessLogs(props: StaticSiteProps): CloudwatchLogGroup {
    const { naming, provider } = props;
    const group = new CloudwatchLogGroup(this, "access-logs", {
      provider,
      name: `/aws/vendedlogs/cloudfront/${naming.name("logGroup", "frontend")}`,
      retentionInDays: props.accessLogRetentionDays,
      kmsKeyId: props.logsKey.arn,
    });
    const source = new CloudwatchLogDeliverySource(this, "log-source", {
      provider,
      name: naming.name("wafName", "frontend-access"),
      logType: "ACCESS_LOGS",
      resourceArn: this.distribution.arn,
    });
    const delivery = new DataAwsIamPolicyDocument(this, "log-delivery-policy", {
      statement: [
        {
          sid: "CloudFrontAccessLogDelivery",
          principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: [`${group.arn}:log-stream:*`],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [source.arn] },
          ],
        },
      ],
    });
    const policy = new CloudwatchLogResourcePolicy(this, "log-policy", {
      provider,
      policyName: naming.name("iamPolicy", "frontend-log-delivery"),
      policyDocument: delivery.json,
    });
    const destination = new CloudwatchLogDeliveryDestination(this, "log-destination", {
      provider,
      name: naming.name("wafName", "frontend-access"),
      outputFormat: "json",
      deliveryDestinationConfiguration: [{ destinationResourceArn: group.arn }],
    });
    new CloudwatchLogDelivery(this, "log-delivery", {
      provider,
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.arn,
      dependsOn: [policy],
    });
    return group;
  }

  private metric(metricName: string, stat: MetricStat, label: string): EdgeMetric {
    return {
      namespace: "AWS/CloudFront",
      metricName,
      dimensions: { DistributionId: this.distribution.id, Region: "Global" },
      stat,
      period: 300,
      region: EDGE_REGION,
      label,
    };
  }

  private alarm(part: string, metric: EdgeMetric, threshold: number, description: string, topic?: SnsTopic): CloudwatchMetricAlarm {
    return metricAlarm(this, `alarm-${part}`, {
      provider: this.provider,
      name: this.naming.name("alarmName", part),
      description,
      metric,
      threshold,
      // Two of three 5-minute periods: a blip does not page anyone.
      evaluation: { periods: 3, datapoints: 2 },
      actions: topic ? [topic.arn] : [],
    });
  }
}
