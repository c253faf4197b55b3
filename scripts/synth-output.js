// What scripts/app.js does to cdktf's output after synthesis, so that every command reads it alike:
// each stack folder holds one rendering, and the HCL one is `terraform fmt`-canonical.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const RENDERINGS = ["cdk.tf.json", "cdk.tf"];

/**
 * cdktf's HCL renderer (cdktf/lib/hcl/render.js, archived upstream) writes the terraform block's
 * plain attributes by their index (`0 = "required_version"`): render them by name instead. The
 * stack code calls the module's export, so replacing it here reaches every stack.
 */
function fixTerraformBlockRendering() {
  const render = require("cdktf/lib/hcl/render");
  const renderTerraform = render.renderTerraform;
  const BLOCKS = ["required_providers", "backend", "cloud"];
  render.renderTerraform = (terraform) => {
    const blocks = Object.fromEntries(Object.entries(terraform).filter(([key]) => BLOCKS.includes(key)));
    const attributes = Object.fromEntries(Object.entries(terraform).filter(([key]) => !BLOCKS.includes(key)));
    const rendered = render.renderSimpleAttributes(attributes);
    return renderTerraform(blocks).replace(/\s*\}$/, rendered ? `\n${rendered}\n}` : "\n}");
  };
}

/**
 * The synthesized file of each stack the manifest lists, after removing the other rendering from
 * its folder: `cdktf synth` after `cdktf synth --hcl` (or the other way round) would otherwise leave
 * both, and terraform reads both (every block declared twice: "Duplicate ...").
 */
function keepOneRendering(outdir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  const files = [];
  for (const stack of Object.values(manifest.stacks)) {
    const file = path.join(outdir, stack.synthesizedStackPath);
    if (!fs.existsSync(file)) continue;
    for (const other of RENDERINGS) {
      if (other !== path.basename(file)) fs.rmSync(path.join(path.dirname(file), other), { force: true });
    }
    files.push(file);
  }
  return files;
}

/**
 * Rewrites HCL files as `terraform fmt` does (cdktf's renderer aligns nothing and indents its own
 * way). Returns a message when terraform is not on PATH: the files stay as cdktf wrote them.
 */
function formatHcl(files) {
  if (files.length === 0) return undefined;
  const result = spawnSync("terraform", ["fmt", "-list=false", ...files], { encoding: "utf8" });
  if (result.error && result.error.code === "ENOENT") {
    return "terraform is not on PATH, so cdk.tf is as cdktf renders it, not terraform fmt-canonical: install Terraform and synthesize again";
  }
  if (result.status !== 0) throw new Error(`terraform fmt failed on ${files.join(", ")}:\n${result.stderr || result.error}`);
  return undefined;
}

module.exports = { fixTerraformBlockRendering, formatHcl, keepOneRendering };
