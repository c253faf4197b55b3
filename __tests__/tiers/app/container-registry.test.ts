import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrReplicationConfiguration } from "@cdktf/provider-aws/lib/ecr-replication-configuration";
import { ContainerRegistry } from "../../../src/tiers/app/container-registry";
import { resources, synth } from "../../helpers";

describe("ContainerRegistry", () => {
  const json = synth((scope) => {
    new ContainerRegistry(scope, "registry", {
      name: "notes-dev-app",
      kmsKey: new KmsKey(scope, "key"),
      keepReleases: 20,
      replicateTo: { region: "eu-west-1", accountId: "111111111111", repositoryPrefix: "notes-dev" },
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
        replicateTo: { region: "eu-west-1", accountId: "111111111111", repositoryPrefix: "notes-dev", count: 0 },
      });
    });
    expect(json).toHaveResourceWithProperties(EcrReplicationConfiguration, { count: 0 });
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
});
