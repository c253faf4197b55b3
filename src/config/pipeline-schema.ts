import { z } from "zod";
import { EMAIL } from "./observability-schema";
import { between } from "./primitives";

/** CodeBuild on-demand compute types; each exists for both ARM and x86 builds. */
export const COMPUTE_TYPES = [
  "BUILD_GENERAL1_SMALL",
  "BUILD_GENERAL1_MEDIUM",
  "BUILD_GENERAL1_LARGE",
  "BUILD_GENERAL1_XLARGE",
  "BUILD_GENERAL1_2XLARGE",
] as const;

/** Regions the AWS Chatbot API is served from; the configuration is created in one of them. */
export const CHATBOT_REGIONS = ["us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"] as const;

/** CodePipeline accepts at most 8 globs per trigger filter. */
export const MAX_TRIGGER_PATHS = 8;

const relativePath = (example: string) =>
  z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]+$/, `must be a path inside the repository such as ${example}, without .. or a leading /`);

const command = z
  .string()
  .min(1, "must not be empty")
  .regex(/^[^\n\r]*$/, "must be one line: chain steps with &&");

export const pipelineSchema = z
  .object({
    /**
     * Branch whose pushes release to this environment.
     * @default the environment's repository.branch
     */
    branch: z
      .string()
      .regex(/^(?!\/)(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/-]{1,255}(?<!\/)$/, "must be a git branch name such as main")
      .optional(),
    /** Repository paths (globs) whose changes start a release; empty: any change does. */
    filePaths: z
      .array(z.string().regex(/^(?!\/)[A-Za-z0-9._*?/{},[\]-]+$/, "must be repository-relative globs such as app/**"))
      .max(MAX_TRIGGER_PATHS, `must hold at most ${MAX_TRIGGER_PATHS} globs (CodePipeline's limit per trigger)`)
      .describe('repository paths (globs) whose changes start a release, e.g. ["app/**"]; empty: any change does'),
    requireApproval: z.boolean().describe("a manual approval before the migration and the deploy; required in prod"),
    computeType: z.enum(COMPUTE_TYPES, `must be one of ${COMPUTE_TYPES.join(", ")}`).describe("compute of the CodeBuild projects that test, build and migrate"),
    imageScan: z
      .object({
        maxCritical: between(0, 100000).describe("critical findings a released image may have; 0 in prod"),
        maxHigh: between(0, 100000).describe("high findings a released image may have"),
      })
      .strict()
      .describe("the release fails when the image's ECR scan finds more than these counts"),
    testCommand: command.describe("runs the unit tests, from the repository root"),
    testReportsDirectory: relativePath("app/reports").describe("where the test command writes JUnit XML reports"),
    dockerContext: relativePath("app").describe("directory the Dockerfile and build context are in"),
    migrationCommand: command.describe("applies the database migrations, from the repository root, inside the VPC"),
    artifactRetentionDays: between(1, 3650).describe("days pipeline artifacts (sources, image definitions) are kept; rollbacks need them"),
    notifications: z
      .object({
        /**
         * Addresses that receive every release notification: failed and succeeded releases,
         * deployments, and approval requests with their review links (each confirms once).
         * @default none
         */
        emails: z
          .array(z.string().regex(EMAIL, "must be email addresses such as releases@example.com"))
          .refine((list) => new Set(list).size === list.length, "must not repeat an address")
          .optional(),
        /**
         * An AWS Chatbot Slack channel that receives the notifications; the Slack workspace must be
         * authorized once in the Chatbot console first.
         * @default none
         */
        slack: z
          .object({
            teamId: z.string().regex(/^T[A-Z0-9]{6,20}$/, "must be a Slack workspace (team) id such as T07EA123LEP"),
            channelId: z.string().regex(/^[CG][A-Z0-9]{6,20}$/, "must be a Slack channel id such as C07EZ1ABC23"),
            /** Where the Chatbot configuration is created: the API is only served from a few regions. */
            region: z.enum(CHATBOT_REGIONS, `must be one of ${CHATBOT_REGIONS.join(", ")} (where the Chatbot API is served)`),
          })
          .strict()
          .optional(),
      })
      .strict()
      .describe("who hears of releases, deployments and approvals waiting: { emails, slack }, at least one of them"),
  })
  .strict();

export type PipelineConfig = z.infer<typeof pipelineSchema>;

type Problem = (path: (string | number)[], message: string, input?: unknown) => void;

/** Cross-field rules of the release pipeline. */
export function checkPipeline(env: { name?: string; pipeline?: Partial<PipelineConfig> }, problem: Problem): void {
  const pipeline = env.pipeline;
  if (!pipeline) return;
  if (env.name === "prod") {
    if (pipeline.requireApproval === false) {
      problem(["pipeline", "requireApproval"], "must be true in prod: a person approves every release before it migrates and deploys", false);
    }
    if (pipeline.imageScan && pipeline.imageScan.maxCritical > 0) {
      problem(["pipeline", "imageScan", "maxCritical"], "must be 0 in prod: no image with a critical finding is released", pipeline.imageScan.maxCritical);
    }
  }
  const notifications = pipeline.notifications;
  if (notifications && !notifications.emails?.length && !notifications.slack) {
    const approvals = pipeline.requireApproval ? " or be asked to approve them" : "";
    problem(["pipeline", "notifications"], `must name emails or slack: nobody would hear of releases${approvals}`, notifications);
  }
  if (pipeline.filePaths && new Set(pipeline.filePaths).size !== pipeline.filePaths.length) {
    problem(["pipeline", "filePaths"], "must not repeat a glob", pipeline.filePaths);
  }
}
