import { Testing } from "cdktf";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../../src/app";
import { environments, state } from "../../environments";

// That no stack holds a credential in plain text is the policy pack's NP-SEC-1, run on every stack
// (and on prod restored from a snapshot) in __tests__/tools/policy/pack.test.ts.
describe("credentials", () => {
  it("manages the database password through RDS and Secrets Manager, and Redis through IAM", () => {
    const app = buildApp({ environments, state, selection: "prod", outdir: mkdtempSync(join(tmpdir(), "secrets-")) });
    const prod = JSON.parse(Testing.synth(app.node.findChild("prod") as any));
    expect(Object.values<any>(prod.resource.aws_db_instance)[0].manage_master_user_password).toBe(true);
    expect(Object.values<any>(prod.resource.aws_elasticache_user).map((u) => u.authentication_mode.type).sort()).toEqual(["iam", "no-password-required"]);
  });
});
