import { DATABASE_ENGINES } from "../../src/config/database-engines";
import { exampleConfig } from "../helpers";
import { synthesizedStack } from "../support/synthesized";

// That no stack holds a credential in plain text is the policy pack's NP-SEC-1, run on every stack
// (and on prod restored from a snapshot) in __tests__/tools/policy/pack.test.ts.
describe("credentials", () => {
  it("manages the database password through RDS and Secrets Manager, and Redis through IAM", () => {
    const prod = exampleConfig().environments.prod;
    const json = JSON.parse(synthesizedStack("prod"));
    const database = DATABASE_ENGINES[prod.database.engine].aurora ? "aws_rds_cluster" : "aws_db_instance";
    expect(Object.values<any>(json.resource[database])[0].manage_master_user_password).toBe(true);
    expect(
      Object.values<any>(json.resource.aws_elasticache_user)
        .map((u) => u.authentication_mode.type)
        .sort(),
    ).toEqual(["iam", "no-password-required"]);
  });
});
