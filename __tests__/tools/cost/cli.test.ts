import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { estimateStack } from "../../../tools/cost/estimate";
import { DISCLAIMER, diffEstimates, formatDiff, formatReport } from "../../../tools/cost/format";
import { main, parseArgs } from "../../../tools/cost/cli";
import { fixture } from "./fixture";
import { usage } from "./usage-fixture";

const ROOT = join(__dirname, "..", "..", "..");

/** Writes stacks as cdktf does: <dir>/stacks/<stack>/cdk.tf.json. */
function folder(stacks: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "cost-test-"));
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(join(dir, "stacks", name), { recursive: true });
    writeFileSync(join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
  }
  return dir;
}

function cli(argv: string[]): { status: number; out: string; err: string } {
  let out = "";
  let err = "";
  const status = main(argv, ROOT, ROOT, { out: (t) => (out += t), err: (t) => (err += t) });
  return { status, out, err };
}

describe("formatReport", () => {
  const report = formatReport([estimateStack("dev", fixture(), usage)]);

  it("says the table's date and that it is an estimate", () => {
    expect(report).toContain(DISCLAIMER);
    expect(report).toMatch(/AWS list prices of \d{4}-\d{2}-\d{2}/);
    expect(report).toMatch(/Of the \d+ prices used, [1-9]\d* (was|were) read from stored copies of pricing pages/);
  });

  it("lists each stack's total, its tiers, its resources and their line items", () => {
    expect(report).toMatch(/^dev\s+eu-central-1\s+\$\d+\.\d\d/m);
    expect(report).toMatch(/^ {2}network\s+\$\d+\.\d\d$/m);
    expect(report).toContain("    aws_nat_gateway.nat-0  $43.16");
    expect(report).toContain("      NAT gateway hours: 730 hour x $0.05200 = $37.96");
    expect(report).toMatch(/recovery points in dr \(eu-west-1, 16 GB\) \[eu-west-1\]/);
  });
});

describe("the cost diff", () => {
  const baseline = [estimateStack("dev", fixture(), usage), estimateStack("prod", fixture(), usage)];
  const next = [estimateStack("dev", fixture({ natGateways: 3, multiAz: true }), usage), estimateStack("prod", fixture(), usage)];
  const diffs = diffEstimates(baseline, next);
  const text = formatDiff(diffs, "origin/main");
  const change = diffs[0].to - diffs[0].from;

  it("finds the resources that moved the total, the largest first", () => {
    expect(diffs[0].resources.map((r) => [r.kind, r.address])).toEqual([
      ["added", "aws_nat_gateway.nat-1"],
      ["added", "aws_nat_gateway.nat-2"],
      ["changed", "aws_db_instance.db"],
      ["added", "aws_eip.eip-1"],
      ["added", "aws_eip.eip-2"],
      // Its share of the processed GB: a third instead of all.
      ["changed", "aws_nat_gateway.nat-0"],
    ]);
    expect(diffs[1].resources).toEqual([]);
  });

  it("prints Infracost's headline and project table: baseline, change, new monthly cost", () => {
    expect(text).toContain(`###### Monthly estimate increased by $${Math.round(change)} 📈`);
    expect(text).toContain("| **Changed project** | **Baseline cost** | **Total change** | **New monthly cost** |");
    const pct = Math.round((change / diffs[0].from) * 100);
    expect(text).toContain(`| dev | $${Math.round(diffs[0].from)} | +$${Math.round(change)} (+${pct}%) | $${Math.round(diffs[0].to)} |`);
    expect(text).toContain("1 project has no cost estimate changes.");
  });

  it("details each changed resource as infracost diff does", () => {
    expect(text).toContain("Project: dev");
    expect(text).toContain("+ aws_nat_gateway.nat-1\n  +$");
    expect(text).toMatch(/~ aws_db_instance\.db\n {2}\+\$\d+\.\d\d \(\$\d+\.\d\d → \$\d+\.\d\d\)/);
    expect(text).toContain("    ~ postgres instance (db.t4g.small, Single-AZ → db.t4g.small, Multi-AZ: primary and standby)\n      +$27.74 ($27.74 → $55.48)");
    expect(text).toMatch(/Monthly cost change for dev\nAmount: {2}\+\$[\d.,]+ \(\$[\d.,]+ → \$[\d.,]+\)\nPercent: \+\d+%/);
  });

  it("says when nothing changed", () => {
    expect(formatDiff(diffEstimates(baseline, baseline), "HEAD")).toContain("###### Monthly estimate unchanged");
  });
});

describe("npm run cost", () => {
  it("prices an existing output with --dir", () => {
    const { status, out } = cli(["--dir", folder({ dev: fixture() })]);
    expect(status).toBe(0);
    expect(out).toContain("== dev (eu-central-1)");
  });

  it("exits 1 and says so when a resource cannot be priced", () => {
    const { status, out } = cli(["--dir", folder({ dev: fixture({ extra: { aws_sagemaker_endpoint: { model: {} } } }) })]);
    expect(status).toBe(1);
    expect(out).toContain("NOT PRICED: aws_sagemaker_endpoint (1)");
  });

  it("refuses an unknown argument and a folder that is not an output", () => {
    expect(cli(["--frobnicate"])).toMatchObject({ status: 2, err: expect.stringContaining("unknown argument --frobnicate") });
    expect(cli(["--dir", mkdtempSync(join(tmpdir(), "cost-empty-"))])).toMatchObject({ status: 2, err: expect.stringContaining("has no stacks/ folder") });
  });

  it("refuses a ref that is not a commit", () => {
    expect(cli(["--diff", "no-such-ref-anywhere"])).toMatchObject({ status: 2, err: expect.stringContaining("is not a git commit here") });
  });

  it("takes --dir, --diff and --summary", () => {
    expect(parseArgs(["--diff", "origin/main", "--dir", "out", "--summary"])).toEqual({ diff: "origin/main", dir: "out", summary: true, help: false });
    expect(() => parseArgs(["--diff"])).toThrow(/--diff needs a git ref/);
  });
});
