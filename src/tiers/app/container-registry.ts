import { Construct } from "constructs";
import { TerraformProvider } from "cdktf";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrReplicationConfiguration } from "@cdktf/provider-aws/lib/ecr-replication-configuration";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrRepositoryCreationTemplate } from "@cdktf/provider-aws/lib/ecr-repository-creation-template";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
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
     * `count` of the registry-wide settings (the replication and the DR registry's creation
     * template): 0 where another stack owns them (a workspace copy of the environment would
     * otherwise overwrite, and on destroy delete, the environment's).
     * @default 1
     */
    readonly count?: number;
    /** Provider of `region`: the creation template lives in the registry the copies are created in. */
    readonly provider: TerraformProvider;
    /** A key of `region` (KMS keys are regional) that encrypts the copies as `kmsKey` the original. */
    readonly kmsKey: KmsKey;
    /** Name of the role ECR creates the copies with (a template with a KMS key needs one), from the naming helper. */
    readonly roleName: string;
  };
  /**
   * prevent_destroy: deleting the repository deletes every image the service runs. An
   * unprotected repository is deleted with its images (force_delete), so that a copy of an
   * environment can be torn down: ECR refuses to delete a repository that holds images.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * The app's image repository: immutable tags, scanned on push, KMS-encrypted, expiring old images.
 * With `replicateTo`, its copy in the DR region is created by ECR's replication from a repository
 * creation template with the same immutability, lifecycle and KMS encryption (under a key of that
 * region); without a template ECR would create it mutable, AES256-encrypted and never expiring.
 */
export class ContainerRegistry extends Construct {
  public readonly repository: EcrRepository;
  /** The DR registry's template for replicated repositories, with `replicateTo`. */
  public readonly replicaTemplate?: EcrRepositoryCreationTemplate;

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
    const lifecyclePolicy = JSON.stringify({
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
    });
    new EcrLifecyclePolicy(this, "lifecycle", { repository: this.repository.name, policy: lifecyclePolicy });
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
      this.replicaTemplate = this.replicaTemplateIn(props.replicateTo, lifecyclePolicy);
    }
  }

  /**
   * The DR registry's creation template for replicated repositories. Its prefix is ROOT: a template
   * prefix is a namespace (ECR appends "/", so `notes-dev` would match only `notes-dev/...`), and
   * the repositories here have none. ECR creates a repository with a KMS key only through a custom
   * role (ECR user guide, "Create an IAM role for repository creation templates"); this one may
   * create and fill only this environment's repositories there, and use only that region's key.
   */
  private replicaTemplateIn(dr: NonNullable<ContainerRegistryProps["replicateTo"]>, lifecyclePolicy: string): EcrRepositoryCreationTemplate {
    const trust = new DataAwsIamPolicyDocument(this, "replica-role-trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ecr.amazonaws.com"] }] }],
    });
    const role = new IamRole(this, "replica-role", { name: dr.roleName, assumeRolePolicy: trust.json });
    const permissions = new DataAwsIamPolicyDocument(this, "replica-role-permissions", {
      statement: [
        {
          sid: "CreateReplicas",
          actions: ["ecr:CreateRepository", "ecr:ReplicateImage", "ecr:TagResource"],
          resources: [`arn:aws:ecr:${dr.region}:${dr.accountId}:repository/${dr.repositoryPrefix}*`],
        },
        { sid: "EncryptReplicas", actions: ["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"], resources: [dr.kmsKey.arn] },
      ],
    });
    const policy = new IamRolePolicy(this, "replica-role-policy", { name: "create-replicas", role: role.id, policy: permissions.json });
    return new EcrRepositoryCreationTemplate(this, "replica-template", {
      provider: dr.provider,
      count: dr.count,
      prefix: "ROOT",
      appliedFor: ["REPLICATION"],
      description: `Replicas of ${this.repository.name}: as the original`,
      imageTagMutability: "IMMUTABLE",
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: dr.kmsKey.arn }],
      lifecyclePolicy,
      customRoleArn: role.arn,
      dependsOn: [policy],
    });
  }
}
