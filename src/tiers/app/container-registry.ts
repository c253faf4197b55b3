import { Construct } from "constructs";
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrReplicationConfiguration } from "@cdktf/provider-aws/lib/ecr-replication-configuration";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";

export interface ContainerRegistryProps {
  /** Repository name, from the naming helper. */
  readonly name: string;
  /** Key that encrypts the images. */
  readonly kmsKey: KmsKey;
  /** Tagged releases kept; older ones expire. */
  readonly keepReleases: number;
  /**
   * Days an untagged image (a superseded build layer) is kept.
   * @default 7
   */
  readonly untaggedExpireDays?: number;
  /**
   * Region and account images are replicated to, so the service can start there in an emergency.
   * Replication is a registry-wide setting: one per account and region.
   * @default no replication
   */
  readonly replicateTo?: {
    readonly region: string;
    readonly accountId: string;
    /** Repositories whose names start with this are replicated (the environment's, copies' too). */
    readonly repositoryPrefix: string;
    /**
     * `count` of the registry-wide setting: 0 where another stack owns it (a workspace copy of
     * the environment would otherwise overwrite, and on destroy delete, the environment's).
     * @default 1
     */
    readonly count?: number;
  };
  /**
   * prevent_destroy: deleting the repository deletes every image the service runs. An
   * unprotected repository is deleted with its images (force_delete), so that a copy of an
   * environment can be torn down: ECR refuses to delete a repository that holds images.
   * @default true
   */
  readonly protect?: boolean;
}

/** The app's image repository: immutable tags, scanned on push, KMS-encrypted, expiring old images. */
export class ContainerRegistry extends Construct {
  public readonly repository: EcrRepository;

  constructor(scope: Construct, id: string, props: ContainerRegistryProps) {
    super(scope, id);
    const protect = props.protect ?? true;
    this.repository = new EcrRepository(this, "repository", {
      name: props.name,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: props.kmsKey.arn }],
      forceDelete: !protect,
      lifecycle: { preventDestroy: protect },
    });
    new EcrLifecyclePolicy(this, "lifecycle", {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Expire untagged images after ${props.untaggedExpireDays ?? 7} days`,
            selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: props.untaggedExpireDays ?? 7 },
            action: { type: "expire" },
          },
          {
            rulePriority: 2,
            description: `Keep the last ${props.keepReleases} releases`,
            selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: props.keepReleases },
            action: { type: "expire" },
          },
        ],
      }),
    });
    if (props.replicateTo) {
      new EcrReplicationConfiguration(this, "replication", {
        count: props.replicateTo.count,
        replicationConfiguration: {
          rule: [
            {
              destination: [{ region: props.replicateTo.region, registryId: props.replicateTo.accountId }],
              repositoryFilter: [{ filter: props.replicateTo.repositoryPrefix, filterType: "PREFIX_MATCH" }],
            },
          ],
        },
      });
    }
  }
}
