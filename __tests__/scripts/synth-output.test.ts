import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fixTerraformBlockRendering, formatHcl, keepOneRendering } from "../../scripts/synth-output";

const root = path.resolve(__dirname, "..", "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "synth-output-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A synth output whose manifest names `rendering` for stack `dev`, with both renderings on disk (a JSON synth after an HCL one, or back). */
function outputWithBoth(name: string, rendering: "cdk.tf" | "cdk.tf.json"): string {
  const outdir = path.join(work, name);
  fs.mkdirSync(path.join(outdir, "stacks", "dev"), { recursive: true });
  fs.writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify({ stacks: { dev: { synthesizedStackPath: `stacks/dev/${rendering}` } } }));
  for (const file of ["cdk.tf", "cdk.tf.json"]) fs.writeFileSync(path.join(outdir, "stacks", "dev", file), "");
  return outdir;
}

describe("keepOneRendering", () => {
  it.each(["cdk.tf", "cdk.tf.json"] as const)("leaves only %s, the rendering just synthesized, in the stack folder", (rendering) => {
    const outdir = outputWithBoth(rendering, rendering);
    expect(keepOneRendering(outdir)).toEqual([path.join(outdir, "stacks", "dev", rendering)]);
    expect(fs.readdirSync(path.join(outdir, "stacks", "dev"))).toEqual([rendering]);
  });
});

describe("formatHcl", () => {
  it("rewrites a file as terraform fmt does", () => {
    const file = path.join(work, "unformatted.tf");
    fs.writeFileSync(file, "locals {\na = 1\n  bbbb = 2\n}\n");
    expect(formatHcl([file])).toBeUndefined();
    expect(fs.readFileSync(file, "utf8")).toBe("locals {\n  a    = 1\n  bbbb = 2\n}\n");
  });
});

describe("fixTerraformBlockRendering", () => {
  it("renders the terraform block's plain attributes by name", () => {
    fixTerraformBlockRendering();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- cdktf's renderer has no typed entry point
    const render = require("cdktf/lib/hcl/render") as { renderTerraform: (terraform: object) => string };
    const hcl = render.renderTerraform({ required_providers: { aws: { source: "aws" } }, required_version: ">= 1.10" });
    expect(hcl).toContain('required_version = ">= 1.10"');
    expect(hcl).not.toMatch(/\b0 =/);
  });
});

describe("scripts/app.js, the command cdktf.json runs", () => {
  it("after a JSON synth, an HCL synth leaves one rendering per stack, terraform fmt-canonical", () => {
    const outdir = path.join(work, "app");
    fs.mkdirSync(path.join(outdir, "stacks", "bootstrap"), { recursive: true });
    fs.writeFileSync(path.join(outdir, "stacks", "bootstrap", "cdk.tf.json"), "{}");
    const env = { ...process.env, CDKTF_OUTDIR: outdir, SYNTH_HCL_OUTPUT: "true", ENVIRONMENTS: "bootstrap", CHECKPOINT_DISABLE: "1" };
    const synth = spawnSync(process.execPath, [path.join(root, "scripts", "app.js")], { cwd: root, env, encoding: "utf8" });
    expect(synth.status).toBe(0);
    expect(synth.stderr).toBe("");
    expect(fs.readdirSync(path.join(outdir, "stacks", "bootstrap")).filter((f) => f.startsWith("cdk."))).toEqual(["cdk.tf"]);
    const check = spawnSync("terraform", ["fmt", "-check", path.join(outdir, "stacks", "bootstrap", "cdk.tf")], { encoding: "utf8" });
    expect(check.status).toBe(0);
  });
});
