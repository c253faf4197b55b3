import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { BucketReplication } from "../../src/shared/bucket-replication";
import { SecureBucket } from "../../src/shared/secure-bucket";
import { parsed, resources, synth } from "../helpers";

describe("BucketReplication", () => {
  const json = synth((scope) => {
    const dr = new AwsProvider(scope, "aws-dr", { alias: "dr", region: "eu-west-1" });
    const sourceKey = new KmsKey(scope, "source-key", {});
    const destinationKey = new KmsKey(scope, "destination-key", { provider: dr });
    new BucketReplication(scope, "replication", {
      roleName: "notes-dev-replication",
      source: { bucket: new SecureBucket(scope, "source", { bucketName: "source", kmsKey: sourceKey }), key: sourceKey, region: "eu-central-1" },
      destination: {
        bucket: new SecureBucket(scope, "destination", { bucketName: "destination", kmsKey: destinationKey, provider: dr }),
        key: destinationKey,
        region: "eu-west-1",
      },
    });
  });
  const [replication] = resources(json, "aws_s3_bucket_replication_configuration");
  const rule = replication.rule[0];
  const statement = (sid: string) => {
    const documents = parsed(json).data.aws_iam_policy_document;
    const key = Object.keys(documents).find((k) => k.startsWith("replication_permissions_"))!;
    return documents[key].statement.find((s: any) => s.sid === sid);
  };

  it("replicates every object of the source with a rule for the whole bucket", () => {
    expect(rule).toMatchObject({ status: "Enabled", filter: {} });
    expect(replication.bucket).toMatch(/aws_s3_bucket\.source_bucket_\w+\.id/);
  });

  it("replicates SSE-KMS objects, which S3 skips unless the rule selects them", () => {
    expect(rule.source_selection_criteria).toEqual({ sse_kms_encrypted_objects: { status: "Enabled" } });
  });

  it("encrypts the replicas with the destination's key", () => {
    expect(rule.destination).toEqual({
      bucket: expect.stringMatching(/aws_s3_bucket\.destination_bucket_\w+\.arn/),
      encryption_configuration: { replica_kms_key_id: expect.stringMatching(/aws_kms_key\.destination-key\.arn/) },
    });
  });

  it("replicates delete markers, so that the copy lists what the source lists", () => {
    expect(rule.delete_marker_replication).toEqual({ status: "Enabled" });
  });

  it("waits for versioning on both buckets", () => {
    expect(replication.depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/aws_s3_bucket_versioning\.source_versioning/),
        expect.stringMatching(/aws_s3_bucket_versioning\.destination_versioning/),
      ]),
    );
  });

  it("lets only S3 assume the role", () => {
    const documents = parsed(json).data.aws_iam_policy_document;
    const trust = documents[Object.keys(documents).find((k) => k.startsWith("replication_trust_"))!];
    expect(trust.statement).toEqual([{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["s3.amazonaws.com"] }] }]);
  });

  it("lets the role read the source's versions and write replicas into the destination only", () => {
    expect(statement("ReadSourceVersions").resources).toEqual([expect.stringMatching(/source_bucket_\w+\.arn\}\/\*$/)]);
    expect(statement("WriteReplicas")).toMatchObject({
      actions: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
      resources: [expect.stringMatching(/destination_bucket_\w+\.arn\}\/\*$/)],
    });
  });

  it("lets the role decrypt with the source key and encrypt with the destination key, through S3 of each region only", () => {
    expect(statement("DecryptSource")).toMatchObject({ actions: ["kms:Decrypt"], resources: [expect.stringMatching(/source-key/)] });
    expect(statement("DecryptSource").condition[0]).toEqual({ test: "StringEquals", variable: "kms:ViaService", values: ["s3.eu-central-1.amazonaws.com"] });
    expect(statement("EncryptReplicas")).toMatchObject({
      actions: ["kms:Encrypt", "kms:GenerateDataKey"],
      resources: [expect.stringMatching(/destination-key/)],
    });
    expect(statement("EncryptReplicas").condition[0]).toEqual({ test: "StringEquals", variable: "kms:ViaService", values: ["s3.eu-west-1.amazonaws.com"] });
  });
});
