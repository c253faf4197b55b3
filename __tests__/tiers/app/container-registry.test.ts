import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrReplicationConfiguration } from "@cdktf/provider-aws/lib/ecr-replication-configuration";
import { ContainerRegistry } from "../../../src/tiers/app/container-registry";
import { parsed, resources, synth } from "../../helpers";

/** replicateTo as the app tier gives it, in a scope with the DR provider. */
function replicateTo(scope: any, count?: number) {
  const provider = new AwsProvider(scope, "aws-dr", { alias: "dr", region: "eu-west-1" });
  const kmsKey = new KmsKey(scope, "dr-key", { provider });
  return { region: "eu-west-1", accountId: "111111111111", repositoryPrefix: "notes-dev", count, provider, kmsKey, roleName: "notes-dev-ecr-replicas" };
}

describe("ContainerRegistry", () => {
  const json = synth((scope) => {
    new ContainerRegistry(scope, "registry", {
      name: "notes-dev-app",
      kmsKey: new KmsKey(scope, "key"),
      keepReleases: 20,
      replicateTo: replicateTo(scope),
    });
  });

  it("scans on push, keeps tags immutable and encrypts with KMS", () => {
    expect(json).toHaveResourceWithProperties(EcrRepository, {
      image_tag_mutability: "IMMUTABLE",
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: "KMS", kms_key: "${aws_kms_key.key.arn}" }],
      lifecycle: { prevent_destroy: true },
    });
  });

  it("keeps its images on destroy by default", () => {
    expect(json).toHaveResourceWithProperties(EcrRepository, { force_delete: false });
  });

  it("is deleted with its images when unprotected, so a copy of an environment can be torn down", () => {
    const unprotected = synth((scope) => {
      new ContainerRegistry(scope, "registry", { name: "notes-dev-app", kmsKey: new KmsKey(scope, "key"), keepReleases: 20, protect: false });
    });
    expect(unprotected).toHaveResourceWithProperties(EcrRepository, { force_delete: true, lifecycle: { prevent_destroy: false } });
  });

  it("expires untagged images and keeps the last releases", () => {
    const policy = JSON.parse(resources(json, "aws_ecr_lifecycle_policy")[0].policy);
    expect(policy.rules.map((r: any) => r.selection)).toEqual([
      { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 },
      { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 20 },
    ]);
  });

  it("leaves the registry-wide replication to the stack that owns it", () => {
    const json = synth((scope) => {
      new ContainerRegistry(scope, "registry", {
        name: "notes-dev-pr-1-app",
        kmsKey: new KmsKey(scope, "key"),
        keepReleases: 20,
        replicateTo: replicateTo(scope, 0),
      });
    });
    expect(json).toHaveResourceWithProperties(EcrReplicationConfiguration, { count: 0 });
    expect(resources(json, "aws_ecr_repository_creation_template")[0].count).toBe(0);
  });

  it("replicates the repository to the DR region", () => {
    expect(json).toHaveResourceWithProperties(EcrReplicationConfiguration, {
      replication_configuration: {
        rule: [
          { destination: [{ region: "eu-west-1", registry_id: "111111111111" }], repository_filter: [{ filter: "notes-dev", filter_type: "PREFIX_MATCH" }] },
        ],
      },
    });
  });

  describe("the replicas' creation template", () => {
    const [template] = resources(json, "aws_ecr_repository_creation_template");
    const [repository] = resources(json, "aws_ecr_repository");
    const permissions = () => {
      const documents = parsed(json).data.aws_iam_policy_document;
      return documents[Object.keys(documents).find((k) => k.startsWith("registry_replica-role-permissions_"))!].statement;
    };

    it("lives in the DR registry and applies to replication only", () => {
      expect(template).toMatchObject({ provider: "aws.dr", applied_for: ["REPLICATION"] });
    });

    it("matches the repository's name: ROOT, since a template prefix is a namespace (prefix/) and the name has none", () => {
      expect(template.prefix).toBe("ROOT");
    });

    it("keeps the replicas' tags immutable, as the original's", () => {
      expect(template.image_tag_mutability).toBe(repository.image_tag_mutability);
    });

    it("encrypts the replicas with KMS under the DR region's key", () => {
      expect(template.encryption_configuration).toEqual([{ encryption_type: "KMS", kms_key: "${aws_kms_key.dr-key.arn}" }]);
    });

    it("expires the replicas' images with the original's lifecycle policy", () => {
      expect(JSON.parse(template.lifecycle_policy)).toEqual(JSON.parse(resources(json, "aws_ecr_lifecycle_policy")[0].policy));
    });

    it("creates the replicas through a role, which a template with a KMS key needs", () => {
      expect(template.custom_role_arn).toMatch(/^\$\{aws_iam_role\.registry_replica-role_\w+\.arn\}$/);
      const documents = parsed(json).data.aws_iam_policy_document;
      const trust = documents[Object.keys(documents).find((k) => k.startsWith("registry_replica-role-trust_"))!];
      expect(trust.statement[0].principals).toEqual([{ type: "Service", identifiers: ["ecr.amazonaws.com"] }]);
    });

    it("lets that role create and fill only the environment's repositories in the DR region", () => {
      expect(permissions().find((s: any) => s.sid === "CreateReplicas")).toEqual({
        sid: "CreateReplicas",
        actions: ["ecr:CreateRepository", "ecr:ReplicateImage", "ecr:TagResource"],
        resources: ["arn:aws:ecr:eu-west-1:111111111111:repository/notes-dev*"],
      });
    });

    it("lets that role use only the DR key", () => {
      expect(permissions().find((s: any) => s.sid === "EncryptReplicas")).toEqual({
        sid: "EncryptReplicas",
        actions: ["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"],
        resources: ["${aws_kms_key.dr-key.arn}"],
      });
    });
  });
});
