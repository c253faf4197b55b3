import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { environments, state } from "../../environments";
import { loadConfig } from "../../src/config/load";
import { EnvironmentStack } from "../../src/stacks/environment-stack";
import { parsed, rawEnvironment, resources } from "../helpers";
import { dependencyCycle } from "../support/dependency-graph";

/**
 * docs/disaster-recovery.md, "Move prod to the DR region": swap region and drRegion, restore the
 * database from the latest copy in the DR vault, deploy. This is the plan that deploy applies.
 */
const SNAPSHOT = "arn:aws:rds:eu-west-1:333333333333:snapshot:awsbackup:job-0123abcd-4567-89ef-0123-456789abcdef";

function movedProd() {
  const prod = rawEnvironment("prod");
  [prod.region, prod.drRegion] = [prod.drRegion, prod.region];
  prod.database.restore = { snapshotIdentifier: SNAPSHOT };
  const config = loadConfig({ ...environments, prod }, state, "prod");
  return Testing.synth(new EnvironmentStack(Testing.app(), config.environments[0], config.state));
}

describe("prod moved to the DR region and restored", () => {
  const json = movedProd();
  const db = resources(json, "aws_db_instance")[0];

  it("passes validation: the snapshot is in the new region", () => {
    expect(db).toBeDefined();
  });

  it("deploys to the DR region, and copies its backups back to the old region", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, { region: "eu-west-1", allowed_account_ids: ["333333333333"] });
    expect(json).toHaveProviderWithProperties(AwsProvider, { alias: "dr", region: "eu-central-1" });
  });

  it("keeps its state where it was: same bucket, same key", () => {
    expect(parsed(json).terraform.backend.s3).toMatchObject({ bucket: "notes-state-444444444444-eu-central-1", key: "prod.tfstate" });
  });

  it("recreates the database from the snapshot, keeping every protection", () => {
    expect(db).toMatchObject({
      identifier: "notes-prod-database",
      snapshot_identifier: SNAPSHOT,
      multi_az: true,
      deletion_protection: true,
      storage_encrypted: true,
      manage_master_user_password: true,
      iam_database_authentication_enabled: true,
      final_snapshot_identifier: "notes-prod-database-final",
      lifecycle: { prevent_destroy: true },
    });
  });

  it("takes the database name, master user and key from the snapshot", () => {
    expect(db).not.toHaveProperty("db_name");
    expect(db).not.toHaveProperty("username");
    expect(db).not.toHaveProperty("kms_key_id");
  });

  it("builds the network, endpoints and log encryption for the new region", () => {
    const services = resources(json, "aws_vpc_endpoint").map((e) => e.service_name);
    expect(services).toContain("com.amazonaws.eu-west-1.s3");
    expect(services.every((s: string) => s.startsWith("com.amazonaws.eu-west-1."))).toBe(true);
    expect(json).toContain('"logs.eu-west-1.amazonaws.com"');
    expect(json).not.toContain("logs.eu-central-1.amazonaws.com");
  });

  it("backs up again at once, into a new vault pair that does not collide with the old DR vault", () => {
    expect(resources(json, "aws_backup_vault").map((v) => [v.name, v.provider ?? "aws"]).sort()).toEqual([
      ["notes-prod-backup", "aws"],
      ["notes-prod-backup-dr", "aws.dr"],
    ]);
    expect(resources(json, "aws_backup_selection")[0].resources).toEqual([expect.stringMatching(/^\$\{aws_db_instance\.data_database_instance_[0-9A-F]{8}\.arn\}$/)]);
  });

  it("has no dependency cycle", () => {
    expect(dependencyCycle(parsed(json))).toBeUndefined();
  });

  it("matches the reviewed plan", () => {
    const plan = parsed(json);
    const summary = {
      providers: plan.provider.aws.map((p: any) => ({ alias: p.alias, region: p.region })),
      resources: Object.fromEntries(Object.entries<any>(plan.resource).map(([type, blocks]) => [type, Object.keys(blocks).length])),
      database: db,
    };
    expect(summary).toMatchSnapshot();
  });
});

describe("a restore snapshot in the wrong region", () => {
  it("stops synthesis before anything is written", () => {
    const prod = rawEnvironment("prod");
    [prod.region, prod.drRegion] = [prod.drRegion, prod.region];
    prod.database.restore = { snapshotIdentifier: SNAPSHOT.replace("eu-west-1", "eu-central-1") };
    expect(() => loadConfig({ ...environments, prod }, state, "prod")).toThrow(/prod: database.restore.snapshotIdentifier must be a snapshot in the environment's region eu-west-1/);
  });
});
