import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CodebuildProject } from "@cdktf/provider-aws/lib/codebuild-project";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { hclQuoted } from "../../hcl";
import { Naming } from "../../naming";

/**
 * CodeBuild's curated Amazon Linux 2023 images, by the app's CPU architecture, so the image is built
 * natively for the tasks. Pinned to a major version: AWS patches a curated image under its tag and
 * publishes no digests for them.
 */
export const BUILD_IMAGES = {
  ARM64: { image: "aws/codebuild/amazonlinux-aarch64-standard:3.0", type: "ARM_CONTAINER" },
  X86_64: { image: "aws/codebuild/amazonlinux-x86_64-standard:5.0", type: "LINUX_CONTAINER" },
} as const;

/**
 * A CodeBuild project whose buildspec `cdktf synth --hcl` writes as one quoted line: cdktf writes a
 * multi-line string as a heredoc, which adds a final newline, so cdk.tf would hold another
 * buildspec than cdk.tf.json. cdktf leaves a single-line string that holds `${` unescaped; this
 * escapes it for HCL itself.
 */
class BuildspecProject extends CodebuildProject {
  public toHclTerraform(): Record<string, unknown> {
    const hcl = super.toHclTerraform();
    const buildspec = hcl.resource[this.terraformResourceType][this.friendlyUniqueId].source?.value?.buildspec;
    if (typeof buildspec?.value === "string") buildspec.value = hclQuoted(buildspec.value);
    return hcl;
  }
}

export interface PipelineProjectProps {
  readonly naming: Naming;
  readonly accountId: string;
  /**
   * What the pipeline releases; in the project, role and log group names.
   * @default "app"
   */
  readonly component?: string;
  /** Short name of the step (test, image, migrate, release); in the project, role and log group names. */
  readonly step: string;
  readonly description: string;
  /** From `renderBuildspec`. */
  readonly buildspec: string;
  readonly computeType: string;
  readonly cpuArchitecture: "X86_64" | "ARM64";
  /**
   * Docker inside the build: only a project that builds images needs it.
   * @default false
   */
  readonly privileged?: boolean;
  /** The pipeline's artifact store: builds read their input from it. */
  readonly artifactBucket: S3Bucket;
  /** Encrypts the artifacts; also the project's encryption key. */
  readonly artifactKey: KmsKey;
  /**
   * Whether builds write an output artifact (s3:PutObject on the artifact bucket).
   * @default false
   */
  readonly writesArtifacts?: boolean;
  readonly logsKey: KmsKey;
  readonly logRetentionDays: number;
  /**
   * What the build itself does, beside reading its input, logging and writing its output.
   * @default nothing more
   */
  readonly statements?: DataAwsIamPolicyDocumentStatement[];
  /**
   * Runs builds inside the VPC (private subnets, given security groups), with the network interface
   * permissions CodeBuild needs for that.
   * @default outside any VPC
   */
  readonly vpc?: { readonly region: string; readonly vpcId: string; readonly subnets: Subnet[]; readonly securityGroup: SecurityGroup };
  /**
   * @default 30
   */
  readonly timeoutMinutes?: number;
  /**
   * Builds of this project that may run at once; 1 for steps that must never overlap (migrations).
   * @default no limit
   */
  readonly concurrentBuildLimit?: number;
  /**
   * Keeps Docker layers on the build host between builds (LOCAL_DOCKER_LAYER_CACHE).
   * @default false
   */
  readonly dockerLayerCache?: boolean;
}

/**
 * One pipeline step on CodeBuild: the project, its own least-privilege service role and its
 * KMS-encrypted log group with retention.
 */
export class PipelineProject extends Construct {
  public readonly project: CodebuildProject;
  public readonly role: IamRole;
  public readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: PipelineProjectProps) {
    super(scope, id);
    const { naming } = props;
    const component = props.component ?? "app";
    const name = naming.name("codebuildProject", component, props.step);

    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: naming.logGroup(`${component}-pipeline`, props.step),
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKey.arn,
    });

    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["codebuild.amazonaws.com"] }],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] }],
        },
      ],
    });
    this.role = new IamRole(this, "role", { name: naming.name("iamRole", component, props.step, "build"), assumeRolePolicy: trust.json });

    const bucket = props.artifactBucket.arn;
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      { sid: "WriteBuildLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${this.logGroup.arn}:*`] },
      { sid: "ReadArtifactStore", actions: ["s3:GetBucketAcl", "s3:GetBucketLocation"], resources: [bucket] },
      {
        sid: props.writesArtifacts ? "ReadWriteArtifacts" : "ReadArtifacts",
        actions: ["s3:GetObject", "s3:GetObjectVersion", ...(props.writesArtifacts ? ["s3:PutObject"] : [])],
        resources: [`${bucket}/*`],
      },
      {
        sid: "UseArtifactKey",
        actions: ["kms:Decrypt", "kms:DescribeKey", ...(props.writesArtifacts ? ["kms:Encrypt", "kms:GenerateDataKey"] : [])],
        resources: [props.artifactKey.arn],
      },
      ...(props.vpc ? vpcStatements(props.vpc, props.accountId) : []),
      ...(props.statements ?? []),
    ];
    const policy = new IamRolePolicy(this, "policy", {
      name: `${props.step}-build`,
      role: this.role.id,
      policy: new DataAwsIamPolicyDocument(this, "permissions", { statement: statements }).json,
    });

    const image = BUILD_IMAGES[props.cpuArchitecture];
    this.project = new BuildspecProject(this, "project", {
      name,
      description: props.description,
      serviceRole: this.role.arn,
      encryptionKey: props.artifactKey.arn,
      buildTimeout: props.timeoutMinutes ?? 30,
      queuedTimeout: 60,
      concurrentBuildLimit: props.concurrentBuildLimit,
      source: { type: "CODEPIPELINE", buildspec: props.buildspec },
      artifacts: { type: "CODEPIPELINE" },
      environment: {
        computeType: props.computeType,
        image: image.image,
        type: image.type,
        imagePullCredentialsType: "CODEBUILD",
        privilegedMode: props.privileged ?? false,
      },
      cache: props.dockerLayerCache ? { type: "LOCAL", modes: ["LOCAL_DOCKER_LAYER_CACHE"] } : undefined,
      logsConfig: {
        cloudwatchLogs: { status: "ENABLED", groupName: this.logGroup.name },
        s3Logs: { status: "DISABLED" },
      },
      vpcConfig: props.vpc && {
        vpcId: props.vpc.vpcId,
        subnets: props.vpc.subnets.map((s) => s.id),
        securityGroupIds: [props.vpc.securityGroup.id],
      },
      // CodeBuild checks the role's permissions (the VPC ones especially) when the project is created.
      dependsOn: [policy],
    });
  }
}

/**
 * What CodeBuild needs to run builds in a VPC: create, describe and delete the build's network
 * interface in the given subnets. The Describe* calls support no resource-level permissions ("*").
 */
function vpcStatements(vpc: NonNullable<PipelineProjectProps["vpc"]>, accountId: string): DataAwsIamPolicyDocumentStatement[] {
  const interfaces = `arn:aws:ec2:${vpc.region}:${accountId}:network-interface/*`;
  const subnetArns = vpc.subnets.map((s) => s.arn);
  return [
    {
      sid: "DescribeBuildNetwork",
      actions: ["ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"],
      resources: ["*"],
    },
    {
      sid: "CreateBuildNetworkInterfaces",
      actions: ["ec2:CreateNetworkInterface"],
      resources: [interfaces, ...subnetArns, vpc.securityGroup.arn],
    },
    { sid: "DeleteBuildNetworkInterfaces", actions: ["ec2:DeleteNetworkInterface"], resources: [interfaces] },
    {
      sid: "AttachBuildNetworkInterfaces",
      actions: ["ec2:CreateNetworkInterfacePermission"],
      resources: [interfaces],
      condition: [
        { test: "StringEquals", variable: "ec2:Subnet", values: subnetArns },
        { test: "StringEquals", variable: "ec2:AuthorizedService", values: ["codebuild.amazonaws.com"] },
      ],
    },
  ];
}
