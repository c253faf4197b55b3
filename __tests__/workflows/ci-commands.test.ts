import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const ROOT = join(__dirname, "..", "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

describe("the commands CI runs", () => {
  it(".ci/run installs with npm ci, exactly the lockfile", () => {
    expect(read(".ci/run")).toMatch(/^npm ci\b/m);
    expect(read(".ci/run")).not.toMatch(/^npm install\b/m);
  });

  it("no workflow step installs with npm install", () => {
    const workflow = parse(read(".github/workflows/infrastructure.yml"));
    const runs = Object.values<any>(workflow.jobs).flatMap((job) => job.steps.map((step: any) => String(step.run ?? "")));
    expect(runs.filter((run) => /\bnpm (install|i)\b/.test(run))).toEqual([]);
  });

  it("turn off cdktf's checkpoint call, which prints an [ERROR] offline, as the README tells people to", () => {
    expect(read(".ci/run")).toMatch(/^export CHECKPOINT_DISABLE=1$/m);
    expect(parse(read(".github/workflows/infrastructure.yml")).env.CHECKPOINT_DISABLE).toBe("1");
    expect(read("README.md")).toContain("`export CHECKPOINT_DISABLE=1`");
  });
});
