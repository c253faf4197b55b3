import { Construct } from "constructs";
import { Fn } from "cdktf";
import { ChatbotSlackChannelConfiguration } from "@cdktf/provider-aws/lib/chatbot-slack-channel-configuration";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { Codepipeline } from "@cdktf/provider-aws/lib/codepipeline";
import { CodestarnotificationsNotificationRule } from "@cdktf/provider-aws/lib/codestarnotifications-notification-rule";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Naming } from "../../naming";
import { EncryptionKey, denyInsecureTransport } from "../../shared/encryption-key";

/**
 * What the pipeline notifies about: the end of every release, and approvals waiting. The approval
 * action also publishes its own request (with the review links) to the topic; CodeStar's
 * "approval needed" stays, as it is the one AWS Chatbot renders in Slack.
 */
export const PIPELINE_EVENTS = [
  "codepipeline-pipeline-pipeline-execution-failed",
  "codepipeline-pipeline-pipeline-execution-succeeded",
  "codepipeline-pipeline-manual-approval-needed",
] as const;

/** ECS deployment outcomes of the service, whoever started the deployment (pipeline or Terraform). */
export const DEPLOYMENT_EVENTS = ["SERVICE_DEPLOYMENT_COMPLETED", "SERVICE_DEPLOYMENT_FAILED"] as const;

export interface ReleaseNotificationsProps {
  readonly naming: Naming;
  readonly region: string;
  readonly accountId: string;
  /** The service whose deployments are reported. */
  readonly service: EcsService;
  /**
   * The pipeline's service role, where the pipeline has a manual approval: the approval action
   * publishes its request to the topic as this role, which the topic policy then admits.
   * @default none (no approval: no role of the account may publish)
   */
  readonly approvalPublisher?: IamRole;
  /**
   * Email addresses subscribed to the topic (each confirms once): the release's approvers and
   * whoever follows releases.
   * @default none
   */
  readonly emails?: string[];
  /**
   * An AWS Chatbot Slack channel subscribed to the topic. The workspace must have been authorized
   * in the Chatbot console; `region` is one the Chatbot API is served from.
   * @default none
   */
  readonly slack?: { readonly teamId: string; readonly channelId: string; readonly region: string };
  /**
   * The environment's alarm topic: failed releases go there too, so on-call hears of them on the
   * same path as every other failure.
   * @default failures only on the release topic
   */
  readonly alarmTopic?: { readonly topic: SnsTopic; readonly policy: SnsTopicPolicy };
}

/**
 * A KMS-encrypted SNS topic that receives the pipeline's notifications (CodeStar Notifications),
 * its approval requests (the approval action, as the pipeline's role) and the service's
 * deployment events (EventBridge), delivered to email subscribers and optionally to Slack by AWS
 * Chatbot. `watch(pipeline)` subscribes it to a pipeline once that exists.
 */
export class ReleaseNotifications extends Construct {
  public readonly topic: SnsTopic;
  public readonly key: EncryptionKey;
  public readonly chatbot?: ChatbotSlackChannelConfiguration;
  /** Publishers that check, when set up, that they may publish (CodeStar Notifications) depend on it. */
  public readonly policy: SnsTopicPolicy;
  private readonly props: ReleaseNotificationsProps;

  constructor(scope: Construct, id: string, props: ReleaseNotificationsProps) {
    super(scope, id);
    this.props = props;
    const { naming } = props;

    // The publishing services encrypt with the key through SNS. EventBridge's requests carry no
    // aws:SourceAccount/SourceArn in KMS, so kms:ViaService is the condition both can have.
    const viaSns = [{ test: "StringEquals", variable: "kms:ViaService", values: [`sns.${props.region}.amazonaws.com`] }];
    this.key = new EncryptionKey(this, "key", {
      naming,
      purpose: "release-notifications",
      accountId: props.accountId,
      protect: false,
      serviceStatements: [
        {
          sid: "CodeStarNotificationsPublish",
          principals: [{ type: "Service", identifiers: ["codestar-notifications.amazonaws.com"] }],
          actions: ["kms:Decrypt", "kms:GenerateDataKey"],
          resources: ["*"],
          condition: viaSns,
        },
        {
          sid: "EventBridgePublish",
          principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
          actions: ["kms:Decrypt", "kms:GenerateDataKey"],
          resources: ["*"],
          condition: viaSns,
        },
      ],
    });

    this.topic = new SnsTopic(this, "topic", {
      name: naming.name("snsTopic", "releases"),
      displayName: `${naming.prefix} releases`,
      kmsMasterKeyId: this.key.key.arn,
    });

    const deployments = new CloudwatchEventRule(this, "deployments", {
      name: naming.name("eventRule", "app-deployments"),
      description: "The app service's deployments: completed or failed (and rolled back)",
      eventPattern: Fn.jsonencode({
        source: ["aws.ecs"],
        "detail-type": ["ECS Deployment State Change"],
        resources: [props.service.arn],
        detail: { eventName: DEPLOYMENT_EVENTS },
      }),
    });

    const policy = (this.policy = new SnsTopicPolicy(this, "policy", {
      arn: this.topic.arn,
      policy: new DataAwsIamPolicyDocument(this, "topic-policy", {
        statement: [
          {
            sid: "CodeStarNotificationsPublish",
            principals: [{ type: "Service", identifiers: ["codestar-notifications.amazonaws.com"] }],
            actions: ["sns:Publish"],
            resources: [this.topic.arn],
            condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] }],
          },
          {
            sid: "DeploymentEventsPublish",
            principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
            actions: ["sns:Publish"],
            resources: [this.topic.arn],
            condition: [{ test: "ArnEquals", variable: "aws:SourceArn", values: [deployments.arn] }],
          },
          ...(props.approvalPublisher
            ? [
                {
                  sid: "ApprovalRequestsPublish",
                  principals: [{ type: "AWS", identifiers: [props.approvalPublisher.arn] }],
                  actions: ["sns:Publish"],
                  resources: [this.topic.arn],
                },
              ]
            : []),
          denyInsecureTransport(["sns:Publish"], [this.topic.arn]),
        ],
      }).json,
    }));

    new CloudwatchEventTarget(this, "deployments-target", { rule: deployments.name, arn: this.topic.arn, dependsOn: [policy] });

    (props.emails ?? []).forEach((endpoint, i) => {
      new SnsTopicSubscription(this, `email-${i}`, { topicArn: this.topic.arn, protocol: "email", endpoint });
    });
    if (props.slack) this.chatbot = this.slackChannel(props, props.slack);
  }

  /**
   * Reports the pipeline's executions and approvals here, and its failures to the alarm topic too.
   * `part` names the rules (`<part>`, `<part>-failures`); a pipeline other than the app's gives its own.
   */
  public watch(pipeline: Codepipeline, part = "app-pipeline"): void {
    const { naming, alarmTopic } = this.props;
    // The app pipeline's rules keep the ids they always had.
    const id = part === "app-pipeline" ? "pipeline" : part;
    new CodestarnotificationsNotificationRule(this, `${id}-events`, {
      name: naming.name("notificationRule", part),
      resource: pipeline.arn,
      detailType: "FULL",
      eventTypeIds: [...PIPELINE_EVENTS],
      target: [{ type: "SNS", address: this.topic.arn }],
      dependsOn: [this.policy],
    });

    if (alarmTopic) {
      new CodestarnotificationsNotificationRule(this, `${id}-failures`, {
        name: naming.name("notificationRule", part, "failures"),
        resource: pipeline.arn,
        detailType: "FULL",
        eventTypeIds: ["codepipeline-pipeline-pipeline-execution-failed"],
        target: [{ type: "SNS", address: alarmTopic.topic.arn }],
        // CodeStar Notifications checks, when the rule is created, that it may publish.
        dependsOn: [alarmTopic.policy],
      });
    }
  }

  /** What the pipeline's role needs to publish approval requests: the topic, and its key through SNS. */
  public publishStatements(): DataAwsIamPolicyDocumentStatement[] {
    return [
      { sid: "PublishApprovalRequests", actions: ["sns:Publish"], resources: [this.topic.arn] },
      {
        sid: "EncryptApprovalRequests",
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        resources: [this.key.key.arn],
        condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`sns.${this.props.region}.amazonaws.com`] }],
      },
    ];
  }

  /** Chatbot assumes a role with no permissions: it only relays, and the guardrail caps it at read-only. */
  private slackChannel(props: ReleaseNotificationsProps, slack: NonNullable<ReleaseNotificationsProps["slack"]>): ChatbotSlackChannelConfiguration {
    const trust = new DataAwsIamPolicyDocument(this, "chatbot-trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["chatbot.amazonaws.com"] }] }],
    });
    const role = new IamRole(this, "chatbot-role", { name: props.naming.name("iamRole", "releases-chatbot"), assumeRolePolicy: trust.json });
    return new ChatbotSlackChannelConfiguration(this, "slack", {
      region: slack.region,
      configurationName: props.naming.name("chatbotName", "releases"),
      iamRoleArn: role.arn,
      slackTeamId: slack.teamId,
      slackChannelId: slack.channelId,
      snsTopicArns: [this.topic.arn],
      guardrailPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      userAuthorizationRequired: true,
      loggingLevel: "ERROR",
    });
  }
}
