import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Runs the app as cdktf does (the command in cdktf.json). */
function runApp(env: Record<string, string>) {
  const outdir = join(mkdtempSync(join(tmpdir(), "main-")), "out");
  const result = spawnSync(process.execPath, ["scripts/app.js"], {
    cwd: join(__dirname, ".."),
    env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
    encoding: "utf8",
  });
  return { ...result, outdir };
}

describe("main", () => {
  const bad = runApp({ ENVIRONMENTS: "dev,staging" });

  it("exits non-zero on an unknown environment", () => {
    expect(bad.status).toBe(1);
  });

  it("says what is wrong and how to fix it, without a stack trace", () => {
    expect(bad.stderr).toBe(
      'invalid configuration:\n  - ENVIRONMENTS: unknown stack "staging"; choose from dev, test, prod, bootstrap, ci-dev, ci-test, ci-prod (comma-separated), or leave it unset for all. ' +
        "The environments are ENVIRONMENT_NAMES in src/config/schema.ts; to add one, add its name there, write environments/<name>.ts (like environments/test.ts) and list it in environments/index.ts\n",
    );
  });

  it("writes no stacks", () => {
    expect(existsSync(join(bad.outdir, "stacks"))).toBe(false);
  });

  it("synthesizes the selected environment", () => {
    const good = runApp({ ENVIRONMENTS: "dev" });
    expect(good.status).toBe(0);
    expect(existsSync(join(good.outdir, "stacks", "dev", "cdk.tf.json"))).toBe(true);
    expect(existsSync(join(good.outdir, "stacks", "prod"))).toBe(false);
  });
});
