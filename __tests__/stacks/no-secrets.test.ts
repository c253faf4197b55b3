import { Testing, TerraformStack } from "cdktf";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { environments, state } from "../../environments";
import { buildApp } from "../../src/app";
import { rawEnvironment } from "../helpers";

/** Arguments that would hold a credential; in a stack they may only be switches (true/false). */
const CREDENTIAL_KEY = /(^|_)(password|passwords|passwd|auth_token|token|secret_string|secret_key|access_key|private_key)($|_)/i;
/** Values that look like credentials whatever their key. */
const CREDENTIAL_VALUE = [
  /AKIA[0-9A-Z]{16}/, // AWS access key id
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[A-Za-z0-9+/=]{24,}$/, // long random-looking token
];

/** Every place in a synthesized stack where a credential could be written in plain text. */
function credentialsIn(node: unknown, path = ""): string[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => credentialsIn(v, `${path}[${i}]`));
  if (node && typeof node === "object") {
    return Object.entries(node).flatMap(([key, value]) => {
      const here = `${path}.${key}`;
      if (CREDENTIAL_KEY.test(key) && typeof value !== "boolean") return [`${here} = ${JSON.stringify(value)}`];
      return credentialsIn(value, here);
    });
  }
  if (typeof node === "string" && CREDENTIAL_VALUE.some((p) => p.test(node))) return [`${path} = ${JSON.stringify(node)}`];
  return [];
}

function stacksOf(envs: Record<string, unknown>): [string, any][] {
  const app = buildApp({ environments: envs, state, outdir: mkdtempSync(join(tmpdir(), "secrets-")) });
  return app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack).map((s) => [s.node.id, JSON.parse(Testing.synth(s))]);
}

describe("no synthesized stack holds a credential in plain text", () => {
  const prodRestored = rawEnvironment("prod");
  prodRestored.database.restore = { snapshotIdentifier: "arn:aws:rds:eu-central-1:333333333333:snapshot:awsbackup:job-0123abcd" };
  const stacks = [
    ...stacksOf(environments),
    ...stacksOf({ ...environments, prod: prodRestored })
      .filter(([id]) => id === "prod")
      .map(([id, json]): [string, any] => [`${id} restored from a snapshot`, json]),
  ];

  it.each(stacks)("%s", (_id, json) => {
    expect(credentialsIn(json)).toEqual([]);
  });

  it("manages the database password through RDS and Secrets Manager, and Redis through IAM", () => {
    const prod = stacks.find(([id]) => id === "prod")![1];
    expect(Object.values<any>(prod.resource.aws_db_instance)[0].manage_master_user_password).toBe(true);
    expect(Object.values<any>(prod.resource.aws_elasticache_user).map((u) => u.authentication_mode.type).sort()).toEqual(["iam", "no-password-required"]);
  });

  it("catches a password, a token and a key if one is ever written", () => {
    expect(credentialsIn({ resource: { aws_db_instance: { db: { password: "hunter2hunter2" } } } })).toEqual(['.resource.aws_db_instance.db.password = "hunter2hunter2"']);
    expect(credentialsIn({ a: { auth_token: "${var.token}" } })).toHaveLength(1);
    expect(credentialsIn({ a: { passwords: ["x"] } })).toHaveLength(1);
    expect(credentialsIn({ a: { note: "AKIAABCDEFGHIJKLMNOP" } })).toHaveLength(1);
    expect(credentialsIn({ a: { note: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } })).toHaveLength(1);
  });
});
