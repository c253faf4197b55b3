import { Construct } from "constructs";
import { DataAwsElbServiceAccount } from "@cdktf/provider-aws/lib/data-aws-elb-service-account";
import { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Naming, shortNamePrefix } from "../../naming";
import { Metric, MetricStat } from "../../shared/alarm";
import { SecureBucket } from "../../shared/secure-bucket";
import { HostedZone } from "./hosted-zone";

/**
 * Regions where ELB writes access logs as a regional AWS account (the older regions); in every
 * other region it writes as the logdelivery.elasticloadbalancing.amazonaws.com service.
 */
export const ELB_ACCOUNT_REGIONS = new Set([
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-east-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ca-central-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-south-1",
  "eu-north-1",
  "me-south-1",
  "sa-east-1",
]);

export interface LoadBalancerProps {
  readonly naming: Naming;
  readonly region: string;
  readonly accountId: string;
  readonly vpc: Vpc;
  /** Public subnets, one per AZ, with IPv6 ranges. */
  readonly subnets: Subnet[];
  /** The app's tasks: the only place the load balancer may send traffic. */
  readonly appSecurityGroup: SecurityGroup;
  readonly containerPort: number;
  readonly healthCheckPath: string;
  /** Validated certificate for the HTTPS listener. */
  readonly certificateArn: string;
  readonly sslPolicy: string;
  readonly deregistrationDelaySeconds: number;
  readonly accessLogExpirationDays: number;
  /** Hosted zone (with the provider of its account) and names that get A and AAAA alias records to the load balancer. */
  readonly zone: HostedZone;
  readonly names: string[];
  /**
   * A second (green) target group and a production listener rule that ECS blue/green, canary and
   * linear deployments shift between; the rule's action is then left to ECS.
   * @default false
   */
  readonly blueGreen?: boolean;
  /**
   * Admit only this managed prefix list, on HTTPS (CloudFront's origin-facing list: the API is then
   * reachable only through the distribution, which speaks HTTPS to its origins).
   * @default HTTP and HTTPS from anywhere, IPv4 and IPv6
   */
  readonly ingressPrefixListId?: string;
  /**
   * Deletion protection on the load balancer and prevent_destroy on its log bucket.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * The internet-facing, dual-stack ALB: HTTP redirects to HTTPS, TLS 1.3 policy, invalid headers
 * dropped, access logs to a locked-down bucket, IP target groups for Fargate tasks.
 */
export class LoadBalancer extends Construct {
  public readonly loadBalancer: Lb;
  public readonly securityGroup: SecurityGroup;
  /** Receives production traffic (blue, in blue/green deployments). */
  public readonly targetGroup: LbTargetGroup;
  /** The green target group of blue/green deployments. */
  public readonly alternateTargetGroup?: LbTargetGroup;
  public readonly httpsListener: LbListener;
  /** The rule that forwards production traffic; ECS blue/green shifts its weights. */
  public readonly productionRule: LbListenerRule;
  /** Every target group the service's tasks may be in: blue, and green in blue/green deployments. */
  public readonly targetGroups: LbTargetGroup[];

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const { naming } = props;
    const protect = props.protect ?? true;

    this.securityGroup = new SecurityGroup(this, "sg", {
      namePrefix: naming.namePrefix("securityGroup", "alb"),
      description: "Internet to the load balancer; load balancer to the app only",
      vpcId: props.vpc.id,
      lifecycle: { createBeforeDestroy: true },
    });
    if (props.ingressPrefixListId) {
      // The list's entries count against the group's rule quota (about 55 of the default 60): one rule only.
      new VpcSecurityGroupIngressRule(this, "ingress-443-prefix-list", {
        securityGroupId: this.securityGroup.id,
        description: "HTTPS from CloudFront only",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        prefixListId: props.ingressPrefixListId,
      });
    }
    for (const port of props.ingressPrefixListId ? [] : [80, 443]) {
      for (const [family, cidr] of [
        ["ipv4", "0.0.0.0/0"],
        ["ipv6", "::/0"],
      ] as const) {
        new VpcSecurityGroupIngressRule(this, `ingress-${port}-${family}`, {
          securityGroupId: this.securityGroup.id,
          description: `HTTP${port === 443 ? "S" : ""} from anywhere`,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          ...(family === "ipv4" ? { cidrIpv4: cidr } : { cidrIpv6: cidr }),
        });
      }
    }
    new VpcSecurityGroupEgressRule(this, "egress-app", {
      securityGroupId: this.securityGroup.id,
      description: "To the app tasks",
      ipProtocol: "tcp",
      fromPort: props.containerPort,
      toPort: props.containerPort,
      referencedSecurityGroupId: props.appSecurityGroup.id,
    });
    new VpcSecurityGroupIngressRule(this, "app-ingress", {
      securityGroupId: props.appSecurityGroup.id,
      description: "From the load balancer",
      ipProtocol: "tcp",
      fromPort: props.containerPort,
      toPort: props.containerPort,
      referencedSecurityGroupId: this.securityGroup.id,
    });

    const logsPrefix = "alb";
    const logsBucket = new SecureBucket(this, "access-logs", {
      bucketName: naming.name("s3Bucket", "alb-logs", props.accountId),
      // ELB writes access logs only to SSE-S3 buckets.
      versioned: false,
      expirationDays: props.accessLogExpirationDays,
      protect,
      policyStatements: [
        this.logDeliveryStatement(props, `arn:aws:s3:::${naming.name("s3Bucket", "alb-logs", props.accountId)}/${logsPrefix}/AWSLogs/${props.accountId}/*`),
      ],
    });

    this.loadBalancer = new Lb(this, "alb", {
      name: naming.name("loadBalancer", "alb"),
      internal: false,
      loadBalancerType: "application",
      ipAddressType: "dualstack",
      securityGroups: [this.securityGroup.id],
      subnets: props.subnets.map((s) => s.id),
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "defensive",
      enableDeletionProtection: protect,
      idleTimeout: 60,
      accessLogs: { bucket: logsBucket.bucket.bucket, prefix: logsPrefix, enabled: true },
      // ELB checks that it may write the logs when the attribute is set.
      dependsOn: [logsBucket.policy],
    });

    // A change of port, protocol or VPC replaces a target group while the listener rule holds it:
    // with a prefix (a name allows 6 characters before Terraform's 26) and create_before_destroy
    // the new group exists, and the rule moves to it, before the old one goes.
    const targetGroup = (color: string) =>
      new LbTargetGroup(this, `tg-${color}`, {
        namePrefix: shortNamePrefix("targetGroup", `${color}-`),
        tags: { Name: naming.name("tag", color) },
        lifecycle: { createBeforeDestroy: true },
        vpcId: props.vpc.id,
        targetType: "ip",
        protocol: "HTTP",
        port: props.containerPort,
        deregistrationDelay: String(props.deregistrationDelaySeconds),
        healthCheck: {
          enabled: true,
          path: props.healthCheckPath,
          matcher: "200-399",
          interval: 15,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
      });
    this.targetGroup = targetGroup("blue");
    this.alternateTargetGroup = props.blueGreen ? targetGroup("green") : undefined;
    this.targetGroups = [this.targetGroup, ...(this.alternateTargetGroup ? [this.alternateTargetGroup] : [])];

    new LbListener(this, "http", {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
    this.httpsListener = new LbListener(this, "https", {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: props.sslPolicy,
      certificateArn: props.certificateArn,
      defaultAction: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not found" } }],
    });
    const targets = [{ arn: this.targetGroup.arn, weight: 100 }];
    if (this.alternateTargetGroup) targets.push({ arn: this.alternateTargetGroup.arn, weight: 0 });
    this.productionRule = new LbListenerRule(this, "production", {
      listenerArn: this.httpsListener.arn,
      priority: 100,
      condition: [{ pathPattern: { values: ["/*"] } }],
      action: [{ type: "forward", forward: { targetGroup: targets } }],
      // Blue/green deployments move the weights: Terraform must not move them back. So a rule that
      // cannot be updated to replaced target groups is replaced with them (their ids change only then).
      lifecycle: props.blueGreen
        ? { ignoreChanges: ["action"], replaceTriggeredBy: this.targetGroups.map((g) => `${g.terraformResourceType}.${g.friendlyUniqueId}.id`) }
        : undefined,
    });

    for (const [i, name] of props.names.entries()) {
      for (const type of ["A", "AAAA"]) {
        new Route53Record(this, `alias-${i}-${type.toLowerCase()}`, {
          provider: props.zone.provider,
          zoneId: props.zone.zoneId,
          name,
          type,
          alias: { name: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId, evaluateTargetHealth: true },
        });
      }
    }
  }

  private logDeliveryStatement(props: LoadBalancerProps, objects: string): DataAwsIamPolicyDocumentStatement {
    const principals = ELB_ACCOUNT_REGIONS.has(props.region)
      ? [{ type: "AWS", identifiers: [new DataAwsElbServiceAccount(this, "elb-account", {}).arn] }]
      : [{ type: "Service", identifiers: ["logdelivery.elasticloadbalancing.amazonaws.com"] }];
    return { sid: "ElbAccessLogDelivery", principals, actions: ["s3:PutObject"], resources: [objects] };
  }

  private metric(metricName: string, stat: MetricStat, label?: string, dimensions: Record<string, string> = {}): Metric {
    return { namespace: "AWS/ApplicationELB", metricName, dimensions: { LoadBalancer: this.loadBalancer.arnSuffix, ...dimensions }, stat, label };
  }

  /** Requests the load balancer received. */
  public metricRequests(): Metric {
    return this.metric("RequestCount", "Sum", "requests");
  }

  /** Responses with a 5xx from the app's targets. */
  public metricTarget5xx(): Metric {
    return this.metric("HTTPCode_Target_5XX_Count", "Sum", "app 5xx");
  }

  /** 5xx the load balancer itself answered (no healthy target, timeouts). */
  public metricElb5xx(): Metric {
    return this.metric("HTTPCode_ELB_5XX_Count", "Sum", "ALB 5xx");
  }

  /** How long the targets take to answer, at a percentile such as `p99`. */
  public metricResponseTime(percentile: `p${number}`): Metric {
    return this.metric("TargetResponseTime", percentile, percentile);
  }

  /** Targets of one target group failing the health check (ELB reports them per target group). */
  public metricUnhealthyHosts(targetGroup: LbTargetGroup): Metric {
    return this.metric("UnHealthyHostCount", "Maximum", undefined, { TargetGroup: targetGroup.arnSuffix });
  }
}
