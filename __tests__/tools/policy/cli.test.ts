import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../tools/policy/cli";
import { plan } from "./fixtures";

/** Runs `npm run policy -- <args>` in-process; returns the exit code and what it printed. */
function run(args: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const stdout = jest.spyOn(process.stdout, "write").mockImplementation((s) => ((out += s), true));
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation((s) => ((err += s), true));
  try {
    return { code: main(join(__dirname, "..", "..", ".."), args), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

function output(resource: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "policy-cli-"));
  mkdirSync(join(dir, "stacks", "prod"), { recursive: true });
  writeFileSync(join(dir, "stacks", "prod", "cdk.tf.json"), JSON.stringify(plan({ resource: resource as any }).json));
  return dir;
}

describe("npm run policy -- --dir", () => {
  it("exits 1 on an error-level finding and prints it with its fix", () => {
    const result = run(["--dir", output({ aws_cloudwatch_log_group: { g: { retention_in_days: 30, kms_key_id: "${aws_kms_key.k.arn}" } } })]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^error NP-LOG-1 prod aws_cloudwatch_log_group\.g -: .*; fix: /m);
    expect(result.err).toMatch(/policy: 1 stack, \d+ compliant, 1 error, 0 warnings, 0 suppressions/);
  });

  it("exits 0 when only warnings are left", () => {
    const result = run(["--dir", output({ aws_kms_key: { k: { enable_key_rotation: false } } })]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^warning NP-KMS-2 prod aws_kms_key\.k/m);
  });

  it("refuses a folder without stacks and an unknown argument", () => {
    expect(run(["--dir", mkdtempSync(join(tmpdir(), "policy-cli-"))]).err).toMatch(/holds no stacks\/<stack>\/cdk\.tf\.json/);
    const unknown = run(["--bogus"]);
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringMatching(/^unknown argument "--bogus"\nusage: npm run policy/)]);
  });
});
