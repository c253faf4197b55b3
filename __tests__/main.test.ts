import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { environments, state } from "../environments";
import { loadConfig } from "../src/config/load";

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
  const bad = runApp({ ENVIRONMENTS: "dev,nosuchenv" });

  it("exits non-zero on an unknown environment", () => {
    expect(bad.status).toBe(1);
  });

  it("says what is wrong and how to fix it, without a stack trace", () => {
    const choices = loadConfig(environments, state).stacks.join(", ");
    expect(bad.stderr).toBe(
      `invalid configuration:\n  - ENVIRONMENTS: unknown stack "nosuchenv"; choose from ${choices} (comma-separated), or leave it unset for all. ` +
        "The environments are the keys of environments/index.ts; to add one, write environments/<name>.ts (like environments/test.ts) and list it in environments/index.ts\n",
    );
  });

  it("writes no stacks", () => {
    expect(existsSync(join(bad.outdir, "stacks"))).toBe(false);
  });

  // The smallest stack: every stack's synthesis through this same command is what jest's global setup does.
  it("synthesizes the selected stacks only", () => {
    const good = runApp({ ENVIRONMENTS: "ci-dev" });
    expect(good.status).toBe(0);
    expect(existsSync(join(good.outdir, "stacks", "ci-dev", "cdk.tf.json"))).toBe(true);
    expect(existsSync(join(good.outdir, "stacks", "dev"))).toBe(false);
  });
});
