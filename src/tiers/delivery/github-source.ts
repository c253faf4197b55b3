import { CodepipelineStage } from "@cdktf/provider-aws/lib/codepipeline";
import { CodestarconnectionsConnection } from "@cdktf/provider-aws/lib/codestarconnections-connection";

/**
 * The Source stage both pipelines start with: the branch's commit from GitHub through the one
 * CodeStar connection, as a zip in the artifact `source`.
 */
export function githubSourceStage(
  connection: CodestarconnectionsConnection,
  repository: { readonly owner: string; readonly name: string },
  branch: string,
  /** Names the commit's variables (`#{<namespace>.CommitId}`) for later stages; @default none */
  namespace?: string,
): CodepipelineStage {
  return {
    name: "Source",
    action: [
      {
        name: "Source",
        category: "Source",
        owner: "AWS",
        provider: "CodeStarSourceConnection",
        version: "1",
        ...(namespace ? { namespace } : {}),
        outputArtifacts: ["source"],
        configuration: {
          ConnectionArn: connection.arn,
          FullRepositoryId: `${repository.owner}/${repository.name}`,
          BranchName: branch,
          OutputArtifactFormat: "CODE_ZIP",
        },
      },
    ],
  };
}
