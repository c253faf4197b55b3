import { CodestarconnectionsConnection } from "@cdktf/provider-aws/lib/codestarconnections-connection";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EncryptionKey } from "../../../src/shared/encryption-key";
import { SecureBucket } from "../../../src/shared/secure-bucket";
import { FrontendPipeline, HASHED_CACHE_CONTROL, UNHASHED_CACHE_CONTROL } from "../../../src/tiers/delivery/frontend-pipeline";
import { ReleaseNotifications } from "../../../src/tiers/delivery/release-notifications";
import { naming, parsed, resources, synth } from "../../helpers";
import { buildEdge } from "../edge/edge-fixtures";

const ACCOUNT = "111111111111";

/** The front end's pipeline beside the edge fixture's site, with a stand-in for what the release pipeline shares. */
const json = synth((scope) => {
  const { staticSite } = buildEdge(scope);
  const artifactKey = new EncryptionKey(scope, "artifacts-key", { naming, purpose: "pipeline-artifacts", accountId: ACCOUNT, protect: false });
  const service = new EcsService(scope, "service", { name: "notes-dev-app" });
  new FrontendPipeline(scope, "frontend-pipeline", {
    naming,
    region: "eu-central-1",
    accountId: ACCOUNT,
    repository: { owner: "example", name: "notes" },
    branch: "main",
    filePaths: ["web/**"],
    command: "cd web && npm ci && npm run build",
    outputDir: "web/dist",
    hashedAssets: "assets/*",
    computeType: "BUILD_GENERAL1_SMALL",
    site: staticSite,
    connection: new CodestarconnectionsConnection(scope, "github", { name: "notes-dev-github", providerType: "GitHub" }),
    artifactBucket: new SecureBucket(scope, "artifacts", { bucketName: "notes-dev-app-pipeline", kmsKey: artifactKey.key, protect: false }),
    artifactKey,
    notifications: new ReleaseNotifications(scope, "notifications", { naming, region: "eu-central-1", accountId: ACCOUNT, service, emails: ["a@example.com"] }),
    logsKey: artifactKey.key,
    logRetentionDays: 30,
  });
});
const documents = parsed(json).data.aws_iam_policy_document;
const project = () => resources(json, "aws_codebuild_project")[0];
const buildspec = () => JSON.parse(project().source.buildspec);
const statements = (part: string) => Object.entries<any>(documents).find(([address]) => address.includes(part))![1].statement;
const distribution = Object.keys(parsed(json).resource.aws_cloudfront_distribution)[0];
const siteBucket = Object.keys(parsed(json).resource.aws_s3_bucket).find((a) => a.startsWith("site_content"))!;

describe("FrontendPipeline", () => {
  it("starts only on pushes to the branch that change the front end's paths (a V2 git trigger)", () => {
    const [pipeline] = resources(json, "aws_codepipeline");
    expect(pipeline.pipeline_type).toBe("V2");
    expect(pipeline.trigger).toEqual([
      {
        provider_type: "CodeStarSourceConnection",
        git_configuration: { source_action_name: "Source", push: [{ branches: { includes: ["main"] }, file_paths: { includes: ["web/**"] } }] },
      },
    ]);
  });

  it("builds, uploads and invalidates in one step after the source", () => {
    const [pipeline] = resources(json, "aws_codepipeline");
    expect(pipeline.stage.map((s: any) => [s.name, s.action.map((a: any) => a.provider)])).toEqual([
      ["Source", ["CodeStarSourceConnection"]],
      ["Publish", ["CodeBuild"]],
    ]);
  });

  it("runs the configured build command, then checks the output holds index.html", () => {
    const commands: string[] = buildspec().phases.build.commands;
    expect(commands[0]).toBe("cd web && npm ci && npm run build");
    expect(commands[1]).toMatch(/^test -f "\$\$\{SITE_DIR\}\/index.html"/);
    expect(buildspec().env.variables).toMatchObject({ SITE_DIR: "web/dist", HASHED_ASSETS: "assets/*" });
  });

  it("uploads the hashed assets cached a year and immutable, everything else (index.html) no-cache", () => {
    const [, , hashed, rest] = buildspec().phases.build.commands as string[];
    expect(hashed).toContain(`--exclude "*" --include "$\${HASHED_ASSETS}" --cache-control "${HASHED_CACHE_CONTROL}"`);
    expect(HASHED_CACHE_CONTROL).toBe("public, max-age=31536000, immutable");
    expect(rest).toContain(`--exclude "$\${HASHED_ASSETS}" --cache-control "${UNHASHED_CACHE_CONTROL}" --delete`);
    expect(UNHASHED_CACHE_CONTROL).toBe("no-cache");
  });

  it("invalidates the distribution last", () => {
    const commands: string[] = buildspec().phases.build.commands;
    expect(commands[commands.length - 1]).toMatch(/^aws cloudfront create-invalidation --distribution-id "\$\$\{DISTRIBUTION_ID\}" --paths "\/\*"/);
    expect(buildspec().env.variables.DISTRIBUTION_ID).toBe(`\${aws_cloudfront_distribution.${distribution}.id}`);
  });

  it("lets the build write that bucket and invalidate that distribution, beside its logs and input, and nothing more", () => {
    const granted = statements("frontend-pipeline_publish_permissions").map((s: any) => [s.sid, s.actions, s.resources]);
    expect(granted).toEqual([
      [
        "WriteBuildLogs",
        ["logs:CreateLogStream", "logs:PutLogEvents"],
        [expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.frontend-pipeline_publish_logs_/)],
      ],
      ["ReadArtifactStore", ["s3:GetBucketAcl", "s3:GetBucketLocation"], [expect.stringMatching(/^\$\{aws_s3_bucket\.artifacts_bucket_/)]],
      ["ReadArtifacts", ["s3:GetObject", "s3:GetObjectVersion"], [expect.stringMatching(/^\$\{aws_s3_bucket\.artifacts_bucket_.*\}\/\*$/)]],
      ["UseArtifactKey", ["kms:Decrypt", "kms:DescribeKey"], [expect.stringMatching(/^\$\{aws_kms_key\.artifacts-key_/)]],
      ["ListSite", ["s3:ListBucket"], [`\${aws_s3_bucket.${siteBucket}.arn}`]],
      ["WriteSite", ["s3:PutObject", "s3:DeleteObject"], [`\${aws_s3_bucket.${siteBucket}.arn}/*`]],
      ["EncryptSite", ["kms:GenerateDataKey", "kms:Decrypt"], [expect.stringMatching(/^\$\{aws_kms_key\.site_content-key_/)]],
      ["Invalidate", ["cloudfront:CreateInvalidation"], [`\${aws_cloudfront_distribution.${distribution}.arn}`]],
    ]);
  });

  it("names its project, role and log group for the front end", () => {
    expect(project().name).toBe("notes-dev-frontend-publish");
    expect(resources(json, "aws_iam_role").map((r) => r.name)).toEqual(
      expect.arrayContaining(["notes-dev-frontend-publish-build", "notes-dev-frontend-pipeline"]),
    );
    expect(resources(json, "aws_cloudwatch_log_group").map((g) => g.name)).toContain("/notes/dev/frontend-pipeline/publish");
  });

  it("reports its executions on the release topic, as the release pipeline does", () => {
    const rule = resources(json, "aws_codestarnotifications_notification_rule").find((r) => r.name === "notes-dev-frontend-pipeline");
    expect(rule).toMatchObject({
      resource: expect.stringMatching(/^\$\{aws_codepipeline\.frontend-pipeline_/),
      target: [{ type: "SNS", address: expect.stringMatching(/^\$\{aws_sns_topic\.notifications_topic_/) }],
    });
  });
});
