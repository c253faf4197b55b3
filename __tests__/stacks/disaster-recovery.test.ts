import * as path from "node:path";
import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { environments, state } from "../../environments";
import { DATABASE_ENGINES } from "../../src/config/database-engines";
import { loadConfig } from "../../src/config/load";
import { EnvironmentStack } from "../../src/stacks/environment-stack";
import { exampleConfig, parsed, rawEnvironment, resources } from "../helpers";
import { dependencyCycle } from "../support/dependency-graph";
import { inventory } from "../support/inventory";
import { restoreSnapshotArn } from "../support/restore-snapshot";
import { expectFile } from "../support/reviewed-file";

/**
 * docs/disaster-recovery.md, "Move prod to the DR region": swap region and drRegion, restore the
 * database from the latest copy in the DR vault, deploy. This is the plan that deploy applies.
 */
const prod = exampleConfig().environments.prod;
const SNAPSHOT = restoreSnapshotArn(prod, prod.drRegion);
const aurora = DATABASE_ENGINES[prod.database.engine].aurora;

function movedProd() {
  const raw = rawEnvironment("prod");
  [raw.region, raw.drRegion] = [raw.drRegion, raw.region];
  raw.database.restore = { snapshotIdentifier: SNAPSHOT };
  const config = loadConfig({ ...environments, prod: raw }, state, "prod");
  return Testing.synth(new EnvironmentStack(Testing.app(), config.environments[0], config.state));
}

describe("prod moved to the DR region and restored", () => {
  const json = movedProd();
  const databaseType = aurora ? "aws_rds_cluster" : "aws_db_instance";
  const [databaseId, db] = Object.entries<any>(parsed(json).resource[databaseType])[0];

  it("passes validation: the snapshot is in the new region", () => {
    expect(db).toBeDefined();
  });

  it("deploys to the DR region, and copies its backups back to the old region", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, { region: prod.drRegion, allowed_account_ids: [prod.accountId] });
    expect(json).toHaveProviderWithProperties(AwsProvider, { alias: "dr", region: prod.region });
  });

  it("keeps its state where it was: same bucket, same key", () => {
    expect(parsed(json).terraform.backend.s3).toMatchObject({ bucket: `${state.project}-state-${state.accountId}-${state.region}`, key: "prod.tfstate" });
  });

  it("recreates the database from the snapshot, keeping every protection", () => {
    expect(db).toMatchObject({
      [aurora ? "cluster_identifier" : "identifier"]: `${prod.project}-prod-database`,
      snapshot_identifier: SNAPSHOT,
      deletion_protection: true,
      storage_encrypted: true,
      manage_master_user_password: true,
      iam_database_authentication_enabled: true,
      final_snapshot_identifier: `${prod.project}-prod-database-final`,
      lifecycle: { prevent_destroy: true },
    });
    if (aurora) expect(resources(json, "aws_rds_cluster_instance").length).toBeGreaterThan(1);
    else expect(db.multi_az).toBe(true);
  });

  it("takes the database name and master user from the snapshot, and its key too where RDS cannot re-key (an instance)", () => {
    expect(db).not.toHaveProperty("db_name");
    expect(db).not.toHaveProperty("username");
    if (aurora) expect(db.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    else expect(db).not.toHaveProperty("kms_key_id");
  });

  it("builds the network, endpoints and log encryption for the new region", () => {
    const services = resources(json, "aws_vpc_endpoint").map((e) => e.service_name);
    expect(services).toContain(`com.amazonaws.${prod.drRegion}.s3`);
    expect(services.every((s: string) => s.startsWith(`com.amazonaws.${prod.drRegion}.`))).toBe(true);
    expect(json).toContain(`"logs.${prod.drRegion}.amazonaws.com"`);
    expect(json).not.toContain(`logs.${prod.region}.amazonaws.com`);
  });

  it("backs up again at once, into a new vault pair that does not collide with the old DR vault", () => {
    expect(
      resources(json, "aws_backup_vault")
        .map((v) => [v.name, v.provider ?? "aws"])
        .sort(),
    ).toEqual([
      [`${prod.project}-prod-backup`, "aws"],
      [`${prod.project}-prod-backup-dr`, "aws.dr"],
    ]);
    expect(resources(json, "aws_backup_selection")[0].resources).toEqual([`\${${databaseType}.${databaseId}.arn}`]);
  });

  it("has no dependency cycle", () => {
    expect(dependencyCycle(parsed(json))).toBeUndefined();
  });

  it("matches the reviewed plan (__tests__/stacks/inventory/scenarios/prod-moved-to-dr-region.txt)", () => {
    expectFile(
      path.join(__dirname, "inventory", "scenarios", "prod-moved-to-dr-region.txt"),
      inventory(parsed(json)),
      "the inventory of prod moved to the DR region",
    );
  });
});

describe("a restore snapshot in the wrong region", () => {
  it("stops synthesis before anything is written", () => {
    const moved = rawEnvironment("prod");
    [moved.region, moved.drRegion] = [moved.drRegion, moved.region];
    moved.database.restore = { snapshotIdentifier: restoreSnapshotArn(prod, prod.region) };
    expect(() => loadConfig({ ...environments, prod: moved }, state, "prod")).toThrow(
      new RegExp(`prod: database.restore.snapshotIdentifier must be a snapshot in the environment's region ${prod.drRegion}`),
    );
  });
});
