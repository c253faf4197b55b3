import { DATABASE_ENGINES } from "../../src/config/database-engines";
import { exampleConfig } from "../helpers";
import { findSecrets } from "../support/secret-scan";
import { synthesizedStack, synthesizedStackNames } from "../support/synthesized";

// The plan of prod restored from a snapshot is scanned too, in disaster-recovery.test.ts.
describe("no synthesized stack holds a credential in plain text", () => {
  const prod = exampleConfig().environments.prod;
  const stacks = synthesizedStackNames().map((name): [string, any] => [name, JSON.parse(synthesizedStack(name))]);

  it.each(stacks)("%s", (_id, json) => {
    expect(findSecrets(json)).toEqual([]);
  });

  it("manages the database password through RDS and Secrets Manager, and Redis through IAM", () => {
    const synthesizedProd = stacks.find(([id]) => id === "prod")![1];
    const database = DATABASE_ENGINES[prod.database.engine].aurora ? "aws_rds_cluster" : "aws_db_instance";
    expect(Object.values<any>(synthesizedProd.resource[database])[0].manage_master_user_password).toBe(true);
    expect(Object.values<any>(synthesizedProd.resource.aws_elasticache_user).map((u) => u.authentication_mode.type).sort()).toEqual(["iam", "no-password-required"]);
  });

  it("catches a password, a token and a key if one is ever written", () => {
    expect(findSecrets({ resource: { aws_db_instance: { db: { password: "hunter2hunter2" } } } })).toEqual([
      { path: "resource.aws_db_instance.db.password", reason: 'value under "password"' },
    ]);
    expect(findSecrets({ a: { auth_token: "${var.token}" } })).toHaveLength(1);
    expect(findSecrets({ a: { passwords: ["x"] } })).toHaveLength(1);
    expect(findSecrets({ a: { note: "AKIAABCDEFGHIJKLMNOP" } })).toHaveLength(1);
    expect(findSecrets({ a: { note: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } })).toHaveLength(1);
    expect(findSecrets({ url: "postgres://app:s3cret@db:5432/notes" }).map((f) => f.reason)).toEqual(["password in a URL"]);
  });
});
