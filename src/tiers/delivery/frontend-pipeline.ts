import { Construct } from "constructs";
import { Codepipeline } from "@cdktf/provider-aws/lib/codepipeline";
import { CodestarconnectionsConnection } from "@cdktf/provider-aws/lib/codestarconnections-connection";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { renderBuildspec } from "../../buildspec";
import { Naming } from "../../naming";
import { EncryptionKey } from "../../shared/encryption-key";
import { SecureBucket } from "../../shared/secure-bucket";
import { StaticSite } from "../edge/static-site";
import { githubSourceStage } from "./github-source";
import { PipelineProject } from "./pipeline-project";
import { ReleaseNotifications } from "./release-notifications";

/** Cache-Control of the files whose names carry a content hash: a new build gives them new names. */
export const HASHED_CACHE_CONTROL = "public, max-age=31536000, immutable";
/** Cache-Control of everything else (index.html first): browsers revalidate it on every load. */
export const UNHASHED_CACHE_CONTROL = "no-cache";

export interface FrontendPipelineProps {
  readonly naming: Naming;
  readonly region: string;
  readonly accountId: string;
  /** The GitHub repository the front end is built from. */
  readonly repository: { readonly owner: string; readonly name: string };
  /** Branch whose pushes publish the front end. */
  readonly branch: string;
  /** Repository paths (globs) whose changes publish the front end; nothing else starts it. */
  readonly filePaths: string[];
  /** Builds the site, from the repository root. */
  readonly command: string;
  /** Folder the build writes the site to. */
  readonly outputDir: string;
  /** Files of `outputDir` named with a content hash (`aws s3 sync --include` pattern, e.g. assets/*). */
  readonly hashedAssets: string;
  readonly computeType: string;
  /** The site the pipeline publishes to: its bucket and distribution, and what the build may do to them. */
  readonly site: StaticSite;
  /** The release pipeline's GitHub connection: one approval in the console serves both pipelines. */
  readonly connection: CodestarconnectionsConnection;
  /** The release pipeline's artifact store and its key, shared: one bucket and key fewer. */
  readonly artifactBucket: SecureBucket;
  readonly artifactKey: EncryptionKey;
  /** Where executions are reported, as the release pipeline's are. */
  readonly notifications: ReleaseNotifications;
  readonly logsKey: KmsKey;
  readonly logRetentionDays: number;
}

/**
 * Publishes the static front end from GitHub: CodePipeline V2, started only by pushes that change
 * the front end's paths, with Source and one CodeBuild step that builds the site, uploads it with
 * its cache headers and invalidates the distribution. The build's role may write that bucket and
 * invalidate that distribution, and nothing else beyond its logs and input.
 */
export class FrontendPipeline extends Construct {
  public readonly pipeline: Codepipeline;
  public readonly project: PipelineProject;
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: FrontendPipelineProps) {
    super(scope, id);
    const { naming, site } = props;

    this.project = new PipelineProject(this, "publish", {
      naming,
      accountId: props.accountId,
      component: "frontend",
      step: "publish",
      description: "Builds the front end, uploads it to its bucket with cache headers and invalidates the distribution",
      buildspec: publishBuildspec({
        command: props.command,
        outputDir: props.outputDir,
        hashedAssets: props.hashedAssets,
        bucket: site.bucket.bucket.bucket,
        distributionId: site.distribution.id,
      }),
      computeType: props.computeType,
      // The common target of front-end toolchains' native binaries.
      cpuArchitecture: "X86_64",
      artifactBucket: props.artifactBucket.bucket,
      artifactKey: props.artifactKey.key,
      logsKey: props.logsKey,
      logRetentionDays: props.logRetentionDays,
      // Publishes are cumulative: two at once could leave an older build's index.html last.
      concurrentBuildLimit: 1,
      statements: site.deployStatements(props.region),
    });

    const trust = new DataAwsIamPolicyDocument(this, "pipeline-trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["codepipeline.amazonaws.com"] }] }],
    });
    this.role = new IamRole(this, "pipeline-role", { name: naming.name("iamRole", "frontend-pipeline"), assumeRolePolicy: trust.json });
    const bucket = props.artifactBucket.bucket.arn;
    new IamRolePolicy(this, "pipeline-policy", {
      name: "frontend-release",
      role: this.role.id,
      policy: new DataAwsIamPolicyDocument(this, "pipeline-permissions", {
        statement: [
          { sid: "UseGitHubConnection", actions: ["codestar-connections:UseConnection"], resources: [props.connection.arn] },
          { sid: "RunBuilds", actions: ["codebuild:BatchGetBuilds", "codebuild:StartBuild"], resources: [this.project.project.arn] },
          { sid: "ReadArtifactStore", actions: ["s3:GetBucketLocation", "s3:GetBucketVersioning"], resources: [bucket] },
          { sid: "ReadWriteArtifacts", actions: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"], resources: [`${bucket}/*`] },
          { sid: "UseArtifactKey", actions: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"], resources: [props.artifactKey.key.arn] },
        ],
      }).json,
    });

    this.pipeline = new Codepipeline(this, "pipeline", {
      name: naming.name("codepipeline", "frontend-release"),
      roleArn: this.role.arn,
      pipelineType: "V2",
      // SUPERSEDED: the newest commit holds every earlier one; an older build waiting is not worth publishing.
      executionMode: "SUPERSEDED",
      artifactStore: [{ type: "S3", location: props.artifactBucket.bucket.bucket, encryptionKey: { type: "KMS", id: props.artifactKey.key.arn } }],
      stage: [
        githubSourceStage(props.connection, props.repository, props.branch),
        {
          name: "Publish",
          action: [
            {
              name: "BuildUploadInvalidate",
              category: "Build",
              owner: "AWS",
              provider: "CodeBuild",
              version: "1",
              inputArtifacts: ["source"],
              configuration: { ProjectName: this.project.project.name },
            },
          ],
        },
      ],
      trigger: [
        {
          providerType: "CodeStarSourceConnection",
          gitConfiguration: {
            sourceActionName: "Source",
            push: [{ branches: { includes: [props.branch] }, filePaths: { includes: props.filePaths } }],
          },
        },
      ],
      dependsOn: [props.artifactBucket.policy],
    });
    props.notifications.watch(this.pipeline, "frontend-pipeline");
  }
}

export interface PublishBuildspecOptions {
  readonly command: string;
  readonly outputDir: string;
  readonly hashedAssets: string;
  readonly bucket: string;
  readonly distributionId: string;
}

/**
 * Build, then upload in two passes: the hashed assets first (cached a year, immutable; older ones
 * are kept, as pages still open may load them), then everything else with no-cache, deleting what
 * the build no longer has; last, invalidate every path so the edges drop the old index.html.
 */
export function publishBuildspec(o: PublishBuildspecOptions): string {
  return renderBuildspec({
    env: { variables: { SITE_DIR: o.outputDir, HASHED_ASSETS: o.hashedAssets, SITE_BUCKET: o.bucket, DISTRIBUTION_ID: o.distributionId } },
    phases: {
      build: {
        commands: [
          o.command,
          'test -f "${SITE_DIR}/index.html" || { echo "The build wrote no ${SITE_DIR}/index.html: check frontend.build.outputDir" >&2; exit 1; }',
          `aws s3 sync "\${SITE_DIR}" "s3://\${SITE_BUCKET}" --exclude "*" --include "\${HASHED_ASSETS}" --cache-control "${HASHED_CACHE_CONTROL}"`,
          `aws s3 sync "\${SITE_DIR}" "s3://\${SITE_BUCKET}" --exclude "\${HASHED_ASSETS}" --cache-control "${UNHASHED_CACHE_CONTROL}" --delete`,
          'aws cloudfront create-invalidation --distribution-id "${DISTRIBUTION_ID}" --paths "/*" --query Invalidation.Id --output text',
        ],
      },
    },
  });
}
