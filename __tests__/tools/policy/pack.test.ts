import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { App, TerraformStack } from "cdktf";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { environments, state } from "../../../environments";
import { buildApp } from "../../../src/app";
import { policyErrorsAtSynth } from "../../../tools/policy/at-synth";
import { checkSynthOutput, formatReport } from "../../../tools/policy/check";
import { checkPlan } from "../../../tools/policy/pack";
import { RULES } from "../../../tools/policy/rules";
import { NP_S3_3 } from "../../../tools/policy/rules/np-s3-3";
import { SUPPRESSIONS } from "../../../tools/policy/suppressions";
import { rawEnvironment } from "../../helpers";
import { synthDirs } from "../../support/synthesized";
import { plan } from "./fixtures";

/** Synthesizes as main.ts does (files in an output folder), so the pack reads what Terraform would. */
function synth(envs: Record<string, unknown>, selection?: string): string {
  const outdir = mkdtempSync(join(tmpdir(), "policy-"));
  buildApp({ environments: envs, state, selection, outdir }).synth();
  return outdir;
}

describe("the policy pack on the real stacks", () => {
  const outdir = synthDirs().jsonDir;
  const reports = checkSynthOutput(outdir);

  it("checks every stack", () => {
    expect(reports.map((r) => r.stack)).toEqual(["bootstrap", "ci-dev", "ci-prod", "ci-test", "dev", "dns", "prod", "test"]);
  });

  it.each(["bootstrap", "ci-dev", "ci-prod", "ci-test", "dev", "dns", "prod", "test"])("%s passes with the documented suppressions", (stack) => {
    expect(reports.find((r) => r.stack === stack)!.findings).toEqual([]);
  });

  it("uses every listed suppression, and only those", () => {
    const used = reports.flatMap((r) => r.suppressed.map((s) => `${s.finding.id} ${s.finding.stack} ${s.finding.address}`));
    expect(used).toEqual([
      "NP-IAM-1 bootstrap aws_iam_role_policy_attachment.github_apply-permissions_0D7EEE18",
      "NP-IAM-1 ci-dev aws_iam_role_policy_attachment.ci-access_apply-policy_58A7BF8D",
      "NP-IAM-1 ci-prod aws_iam_role_policy_attachment.ci-access_apply-policy_58A7BF8D",
      "NP-IAM-1 ci-test aws_iam_role_policy_attachment.ci-access_apply-policy_58A7BF8D",
    ]);
    const reasons = new Set(reports.flatMap((r) => r.suppressed.map((s) => s.reason)));
    for (const s of SUPPRESSIONS) expect(reasons).toContain(s.reason);
  });

  it("finds a subscriber for every SNS topic of every stack (NP-SNS-2), none suppressed", () => {
    const envs = ["dev", "prod", "test"].map((name) => reports.find((r) => r.stack === name)!);
    for (const report of envs) {
      expect(report.findings.filter((f) => f.id === "NP-SNS-2")).toEqual([]);
      expect(report.suppressed.filter((s) => s.finding.id === "NP-SNS-2")).toEqual([]);
    }
    const topics = (stack: string) => Object.keys(JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")).resource?.aws_sns_topic ?? {});
    expect(["dev", "prod", "test"].map((stack) => topics(stack).length)).toEqual([3, 3, 3]);
  });

  it("holds prod to every production promise", () => {
    expect(reports.find((r) => r.stack === "prod")!.notApplicable).toBe(0);
  });

  it("keeps a prod restored from a snapshot free of credentials", () => {
    const prod = rawEnvironment("prod");
    prod.database.restore = { snapshotIdentifier: "arn:aws:rds:eu-central-1:333333333333:snapshot:awsbackup:job-0123abcd" };
    const [restored] = checkSynthOutput(synth({ ...environments, prod }, "prod"));
    expect(restored.findings).toEqual([]);
  });
});

describe("suppressions", () => {
  const withoutOwnership = (suppressions?: unknown) =>
    plan({ resource: { aws_s3_bucket: { b: { "//": { metadata: { path: "main/b" }, ...(suppressions ? { suppressions } : {}) } } } } });

  it("reports a finding nobody suppressed", () => {
    expect(checkPlan(withoutOwnership(), [NP_S3_3], []).findings.map((f) => [f.id, f.address])).toEqual([["NP-S3-3", "aws_s3_bucket.b"]]);
  });

  it("takes a suppression written on the resource, with its reason", () => {
    const report = checkPlan(withoutOwnership([{ id: "NP-S3-3", reason: "a fixture bucket that only the tests read" }]), [NP_S3_3], []);
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((s) => [s.finding.id, s.reason, s.source])).toEqual([["NP-S3-3", "a fixture bucket that only the tests read", "resource"]]);
  });

  it("takes a suppression from the reviewed list, matched by construct path", () => {
    const report = checkPlan(withoutOwnership(), [NP_S3_3], [{ id: "NP-S3-3", path: "*/b", reason: "a fixture bucket that only the tests read" }]);
    expect(report.suppressed.map((s) => s.source)).toEqual(["list"]);
  });

  it("refuses a suppression without a reason or naming an unknown rule", () => {
    const report = checkPlan(
      withoutOwnership([
        { id: "NP-S3-3", reason: "" },
        { id: "NP-NOPE-1", reason: "a typo in the rule id" },
      ]),
      [NP_S3_3, ...RULES],
      [],
    );
    expect(report.findings.filter((f) => f.id === "NP-SUPPRESS").map((f) => f.message)).toEqual([
      "suppression of NP-S3-3 needs a real reason",
      'suppression names unknown rule "NP-NOPE-1"',
    ]);
    expect(report.findings.map((f) => f.id)).toContain("NP-S3-3");
  });

  it("reads a suppression a construct writes with addOverride, which keeps Terraform's meaning", () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "policy-")) });
    const stack = new TerraformStack(app, "main");
    new AwsProvider(stack, "aws", { region: "eu-central-1", allowedAccountIds: ["111111111111"] });
    const bucket = new S3Bucket(stack, "b", { bucket: "notes-fixture" });
    bucket.addOverride("//.suppressions", [{ id: "NP-S3-3", reason: "a fixture bucket that only the tests read" }]);
    app.synth();
    const [report] = checkSynthOutput(app.outdir, ["main"]);
    expect(report.suppressed.filter((s) => s.finding.id === "NP-S3-3").map((s) => s.source)).toEqual(["resource"]);
    const written = JSON.parse(readFileSync(join(app.outdir, "stacks", "main", "cdk.tf.json"), "utf8")).resource.aws_s3_bucket.b;
    expect(Object.keys(written).sort()).toEqual(["//", "bucket"]);
  });

  it("lists every suppression in the report, with its reason", () => {
    const report = checkPlan(withoutOwnership([{ id: "NP-S3-3", reason: "a fixture bucket that only the tests read" }]), [NP_S3_3], []);
    expect(formatReport([report])).toEqual(["suppressed NP-S3-3 main aws_s3_bucket.b: a fixture bucket that only the tests read (on the resource)"]);
  });
});

describe("the pack at synth", () => {
  it("fails naming the stack, the address, the rule and the fix", () => {
    const outdir = mkdtempSync(join(tmpdir(), "policy-"));
    mkdirSync(join(outdir, "stacks", "prod"), { recursive: true });
    writeFileSync(
      join(outdir, "stacks", "prod", "cdk.tf.json"),
      JSON.stringify(plan({ resource: { aws_cloudwatch_log_group: { g: { retention_in_days: 30, kms_key_id: "${aws_kms_key.k.arn}" } } } }).json),
    );
    expect(policyErrorsAtSynth(outdir, ["prod"])).toEqual([
      "policy: stack prod fails error NP-LOG-1 prod aws_cloudwatch_log_group.g -: Every log group has a retention: set in every environment, at least 365 days in prod: retention_in_days is 30; fix: set retention_in_days (the environment's logRetentionDays, or the group's own setting), at least 365 in prod (npm run policy lists every finding; a justified exception goes in tools/policy/suppressions.ts)",
    ]);
  });

  it("skips stacks written as HCL only", () => {
    const outdir = mkdtempSync(join(tmpdir(), "policy-"));
    mkdirSync(join(outdir, "stacks", "prod"), { recursive: true });
    expect(policyErrorsAtSynth(outdir, ["prod"])).toEqual([]);
  });
});
