import { Construct } from "constructs";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Naming } from "../../naming";
import { metricAlarm } from "../../shared/alarm";

/** One CIS AWS Foundations benchmark event: a filter on the trail's log group and its alarm. */
export interface SecurityEvent {
  /** Short id, used in the filter's and alarm's names. */
  readonly id: string;
  /** The metric the filter counts matching events in. */
  readonly metricName: string;
  /** The filter pattern exactly as CIS prescribes it (Security Hub fails a control on any other). */
  readonly pattern: string;
  /** The benchmark recommendation and the Security Hub control that checks it. */
  readonly control: string;
  /** What happened and what to check first: the alarm's description. */
  readonly description: string;
  /**
   * Matching events in 5 minutes that raise the alarm.
   * @default 1
   */
  readonly threshold?: number;
}

const CHECK_EVENTS = "In CloudWatch Logs Insights on the trail's log group";

/**
 * The CIS AWS Foundations benchmark monitoring events (Security Hub CloudWatch.1-14) this platform
 * alarms on. Patterns verbatim from the Security Hub controls; none holds a Terraform `${`.
 */
export const SECURITY_EVENTS: readonly SecurityEvent[] = [
  {
    id: "root-account-use",
    metricName: "RootAccountUsage",
    pattern: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    control: "CIS v1.4.0 4.3, Security Hub CloudWatch.1",
    description: `The root user made an API call or signed in; nothing in normal operation needs it. ${CHECK_EVENTS}, filter userIdentity.type = "Root": who (sourceIPAddress, userAgent) did what (eventName). If nobody owns up to a task that needs root, treat it as a compromise: reset the root password, check its MFA and access keys.`,
  },
  {
    id: "unauthorized-api-calls",
    metricName: "UnauthorizedAPICalls",
    pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    control: "CIS v1.2.0 3.1, Security Hub CloudWatch.2",
    description: `API calls were refused for lack of permission (5 or more in 5 minutes). ${CHECK_EVENTS}, filter errorCode: which principal (userIdentity.arn) was denied what (eventName). A role of this platform after a deploy is usually a missing permission; an unknown principal or many different calls are someone probing.`,
    threshold: 5,
  },
  {
    id: "iam-policy-changes",
    metricName: "IAMPolicyChanges",
    pattern:
      "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}",
    control: "CIS v1.4.0 4.4, Security Hub CloudWatch.4",
    description: `An IAM policy was created, changed, attached or detached. ${CHECK_EVENTS}, find the eventName and requestParameters: was it a terraform apply of this repository (the deploy role, at the time of a merged change)? Anything else is a change outside code review: find who (userIdentity.arn) and revert it.`,
  },
  {
    id: "cloudtrail-changes",
    metricName: "CloudTrailConfigChanges",
    pattern: "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}",
    control: "CIS v1.4.0 4.5, Security Hub CloudWatch.5",
    description: `A CloudTrail trail was created, changed, deleted, or its logging stopped or started. ${CHECK_EVENTS}, find who (userIdentity.arn) and which trail (requestParameters.name). StopLogging or DeleteTrail outside a terraform apply of this repository is someone covering their tracks: check the trail still logs (aws cloudtrail get-trail-status).`,
  },
  {
    id: "console-sign-in-failures",
    metricName: "ConsoleSignInFailures",
    pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
    control: "CIS v1.4.0 4.6, Security Hub CloudWatch.6",
    description: `Someone failed to sign in to the AWS console. ${CHECK_EVENTS}, filter eventName = "ConsoleLogin": which user (userIdentity.userName) from where (sourceIPAddress). One typo is harmless; repeated failures or an unknown IP are password guessing: check that user's MFA and lock the user if needed.`,
  },
  {
    id: "kms-key-disabled",
    metricName: "KMSKeyDisabledOrScheduledForDeletion",
    pattern: "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}",
    control: "CIS v1.4.0 4.7, Security Hub CloudWatch.7",
    description: `A customer managed KMS key was disabled or scheduled for deletion: data encrypted with it becomes unreadable. ${CHECK_EVENTS}, find the key (requestParameters.keyId) and who did it. If it was not intended, cancel the deletion (aws kms cancel-key-deletion) and enable the key again within the waiting period.`,
  },
  {
    id: "security-group-changes",
    metricName: "SecurityGroupChanges",
    pattern:
      "{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}",
    control: "CIS v1.4.0 4.10, Security Hub CloudWatch.10",
    description: `A security group or one of its rules was created, changed or deleted. ${CHECK_EVENTS}, find the group (requestParameters.groupId) and rule: was it a terraform apply of this repository? A rule opened to 0.0.0.0/0 or ::/0 outside code review is the first thing to revert.`,
  },
  {
    id: "network-acl-changes",
    metricName: "NetworkACLChanges",
    pattern:
      "{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}",
    control: "CIS v1.4.0 4.11, Security Hub CloudWatch.11",
    description: `A network ACL or one of its entries was created, changed or deleted; this platform manages none, so nothing should. ${CHECK_EVENTS}, find who (userIdentity.arn) changed which ACL (requestParameters.networkAclId) and whether an entry now allows traffic the security groups do not expect.`,
  },
];

export interface SecurityAlarmsProps {
  readonly naming: Naming;
  /** The CloudTrail trail's log group, which the filters read. */
  readonly logGroupName: string;
  /** CloudWatch namespace of the filters' metrics, e.g. `<project>/<env>/Audit`. */
  readonly namespace: string;
  /**
   * SNS topic that every alarm sends ALARM and OK to.
   * @default none: the alarms change state without notifying anyone until a topic is wired
   */
  readonly alarmTopicArn?: string;
  /**
   * The events to alarm on.
   * @default SECURITY_EVENTS
   */
  readonly events?: readonly SecurityEvent[];
}

/** A metric filter and an alarm per CIS benchmark event, on the trail's CloudWatch Logs group. */
export class SecurityAlarms extends Construct {
  public readonly filters: Record<string, CloudwatchLogMetricFilter> = {};
  public readonly alarms: Record<string, CloudwatchMetricAlarm> = {};

  constructor(scope: Construct, id: string, props: SecurityAlarmsProps) {
    super(scope, id);
    const { naming, namespace } = props;
    const actions = props.alarmTopicArn ? [props.alarmTopicArn] : [];

    for (const event of props.events ?? SECURITY_EVENTS) {
      const filter = new CloudwatchLogMetricFilter(this, `${event.id}-filter`, {
        name: naming.name("metricFilter", "audit", event.id),
        logGroupName: props.logGroupName,
        pattern: event.pattern,
        metricTransformation: { name: event.metricName, namespace, value: "1" },
      });
      this.filters[event.id] = filter;
      this.alarms[event.id] = metricAlarm(this, `${event.id}-alarm`, {
        name: naming.name("alarmName", "audit", event.id),
        description: `${event.description} (${event.control})`,
        metric: { namespace, metricName: event.metricName, stat: "Sum", period: 300 },
        comparison: "GreaterThanOrEqualToThreshold",
        threshold: event.threshold ?? 1,
        // One event is enough: each is rare, and worth a look at once.
        evaluation: { periods: 1 },
        actions,
        // The metric exists only once the filter does.
        dependsOn: [filter],
      });
    }
  }
}
