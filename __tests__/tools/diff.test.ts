import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { SecureBucket } from "../../src/shared/secure-bucket";
import { DiffReport, REPLACING_ARGUMENTS, STATEFUL_TYPES, Synth, changedPaths, diffSynth, exitCode, formatReport } from "../../tools/diff/diff";
import { main, parseArgs } from "../../tools/diff/cli";
import { synthesizeRef } from "../../tools/diff/synth";
import { parsed, synth } from "../helpers";

const ROOT = join(__dirname, "..", "..");

interface Options {
  readonly bucketId?: string;
  readonly role?: boolean;
  readonly logGroup?: boolean;
  readonly billing?: string;
  readonly worker?: boolean;
}

/** A small synthesized stack: a protected bucket, a role, a log group and a table, each adjustable. */
function stack(options: Options = {}): any {
  return parsed(
    synth((scope) => {
      new SecureBucket(scope, options.bucketId ?? "assets", { bucketName: "notes-dev-assets" });
      if (options.role ?? true) new IamRole(scope, "app-role", { name: "notes-dev-app", assumeRolePolicy: "{}" });
      if (options.worker) new IamRole(scope, "worker-role", { name: "notes-dev-worker", assumeRolePolicy: "{}" });
      if (options.logGroup ?? true) new CloudwatchLogGroup(scope, "logs", { name: "/notes/dev/app", retentionInDays: 30 });
      new DynamodbTable(scope, "table", {
        name: "notes-dev-items",
        hashKey: "id",
        attribute: [{ name: "id", type: "S" }],
        billingMode: options.billing ?? "PAY_PER_REQUEST",
      });
    }),
  );
}

const before: Synth = { dev: stack() };
const addressOf = (type: string, synthesized: any, prefix = "") => `${type}.${Object.keys(synthesized.resource[type]).find((k) => k.startsWith(prefix))}`;

function diff(after: Options): DiffReport {
  return diffSynth(before, { dev: stack(after) });
}

/** Writes a synthesized app as cdktf does: <dir>/stacks/<stack>/cdk.tf.json. */
function folder(app: Synth): string {
  const dir = mkdtempSync(join(tmpdir(), "diff-test-"));
  for (const [name, json] of Object.entries(app)) {
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

describe("diffSynth", () => {
  it("finds nothing between identical apps", () => {
    const report = diffSynth(before, { dev: stack() });
    expect(report.stacks).toEqual([{ stack: "dev", status: "unchanged", added: [], removed: [], changed: [], renamed: [], moved: [], replaced: [] }]);
    expect(report.findings).toEqual([]);
  });

  it("reports an added resource by address", () => {
    const after = stack({ worker: true });
    expect(diffSynth(before, { dev: after }).stacks[0].added).toEqual([addressOf("aws_iam_role", after, "worker-role")]);
  });

  it("reports a removed resource by address", () => {
    expect(diff({ role: false }).stacks[0].removed).toEqual([addressOf("aws_iam_role", before.dev, "app-role")]);
  });

  it("reports a changed resource with the attribute paths that changed", () => {
    expect(diff({ billing: "PROVISIONED" }).stacks[0].changed).toEqual([{ address: addressOf("aws_dynamodb_table", before.dev), paths: ["billing_mode"] }]);
  });

  it("reports changed policy documents, where policies live", () => {
    const a = { resource: {}, data: { aws_iam_policy_document: { p: { statement: [{ actions: ["s3:GetObject"] }] } } } };
    const b = { resource: {}, data: { aws_iam_policy_document: { p: { statement: [{ actions: ["s3:*"] }] } } } };
    expect(diffSynth({ dev: a }, { dev: b }).stacks[0].changed).toEqual([{ address: "data.aws_iam_policy_document.p", paths: ["statement[0].actions[0]"] }]);
  });

  it("flags a renamed stateful resource as destroying data", () => {
    const report = diff({ bucketId: "uploads" });
    const from = addressOf("aws_s3_bucket", before.dev);
    expect(report.stacks[0].renamed).toContainEqual({
      from,
      to: expect.stringMatching(/^aws_s3_bucket\.uploads_bucket_/),
      identity: { bucket: "notes-dev-assets" },
    });
    expect(report.findings).toEqual([expect.objectContaining({ severity: "stateful", kind: "renamed", address: from })]);
    expect(formatReport(report)).toMatch(
      /!!! dev: aws_s3_bucket\.assets_bucket_\w+ -> aws_s3_bucket\.uploads_bucket_\w+ \(bucket "notes-dev-assets"\) renamed \(destroys data\)/,
    );
  });

  it("reports the bucket's companions that follow a rename as renamed or changed, never as findings", () => {
    const report = diff({ bucketId: "uploads" });
    expect(report.stacks[0].removed).toEqual([]);
    expect(report.stacks[0].added).toEqual([]);
    expect(report.findings.filter((f) => f.kind === "renamed")).toHaveLength(1);
  });

  it("flags a removed stateful resource", () => {
    const without = structuredClone(before.dev) as any;
    delete without.resource.aws_dynamodb_table;
    const report = diffSynth(before, { dev: without });
    expect(report.findings).toEqual([expect.objectContaining({ severity: "stateful", kind: "removed", address: addressOf("aws_dynamodb_table", before.dev) })]);
    expect(exitCode(report)).toBe(1);
  });

  it("does not flag a removed resource that holds no data", () => {
    const report = diff({ role: false });
    expect(report.findings).toEqual([]);
    expect(exitCode(report)).toBe(0);
  });

  it("warns about a removed log group without failing", () => {
    const report = diff({ logGroup: false });
    expect(report.findings).toEqual([expect.objectContaining({ severity: "data", kind: "removed" })]);
    expect(formatReport(report)).toContain("WARNING: data at risk:");
    expect(exitCode(report)).toBe(0);
  });

  it("warns when a log group's name changes in place, without failing", () => {
    const a = { resource: { aws_cloudwatch_log_group: { g: { name: "/notes/dev/app" } } } };
    const b = { resource: { aws_cloudwatch_log_group: { g: { name: "/notes/dev/web" } } } };
    const report = diffSynth({ dev: a }, { dev: b });
    expect(report.findings).toEqual([expect.objectContaining({ severity: "data", kind: "identity-changed", address: "aws_cloudwatch_log_group.g" })]);
    expect(exitCode(report)).toBe(0);
  });

  it("fails on a change that forces the replacement of a stateful resource at the same address", () => {
    const a = { resource: { aws_dynamodb_table: { t: { name: "notes-dev-items" } } } };
    const b = { resource: { aws_dynamodb_table: { t: { name: "notes-dev-things" } } } };
    const report = diffSynth({ dev: a }, { dev: b });
    expect(report.stacks[0].replaced).toEqual([{ address: "aws_dynamodb_table.t", arguments: ["name"] }]);
    expect(report.findings).toEqual([expect.objectContaining({ severity: "stateful", kind: "replaced", address: "aws_dynamodb_table.t" })]);
    expect(exitCode(report)).toBe(1);
  });

  it("prints a forced replacement with the arguments that force it", () => {
    const a = { resource: { aws_db_instance: { db: { identifier: "notes-dev-database", engine: "postgres", instance_class: "db.t4g.micro" } } } };
    const b = { resource: { aws_db_instance: { db: { identifier: "notes-dev-database", engine: "mysql", instance_class: "db.t4g.small" } } } };
    const text = formatReport(diffSynth({ dev: a }, { dev: b }));
    expect(text).toContain("  -/+ aws_db_instance.db: engine, instance_class (forces replacement: engine; destroys data)");
    expect(text).toContain("!!! dev: aws_db_instance.db: engine changed, which forces replacement (ForceNew in the AWS provider)");
  });

  it("does not flag an in-place change of a stateful resource", () => {
    const report = diff({ billing: "PROVISIONED" });
    expect(report.stacks[0].replaced).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  it("does not flag a replacing argument dropped from the configuration when the provider keeps its value", () => {
    // snapshot_identifier is Optional and Computed: the restored instance stays.
    const a = { resource: { aws_db_instance: { db: { identifier: "notes-dev-database", snapshot_identifier: "snap-1" } } } };
    const b = { resource: { aws_db_instance: { db: { identifier: "notes-dev-database" } } } };
    expect(diffSynth({ dev: a }, { dev: b }).findings).toEqual([]);
  });

  it("flags a replacing argument dropped from the configuration when the provider does not keep it", () => {
    const a = { resource: { aws_db_instance: { db: { identifier: "notes-dev-database", storage_encrypted: true } } } };
    const b = { resource: { aws_db_instance: { db: { identifier: "notes-dev-database" } } } };
    expect(diffSynth({ dev: a }, { dev: b }).stacks[0].replaced).toEqual([{ address: "aws_db_instance.db", arguments: ["storage_encrypted"] }]);
  });

  it("does not count a reference to a moved resource as a replacing change", () => {
    const key = { description: "database" };
    const a = { resource: { aws_kms_key: { old: key }, aws_db_instance: { db: { identifier: "d", kms_key_id: "${aws_kms_key.old.arn}" } } } };
    const b = {
      resource: { aws_kms_key: { new: key }, aws_db_instance: { db: { identifier: "d", kms_key_id: "${aws_kms_key.new.arn}" } } },
      moved: [{ from: "aws_kms_key.old", to: "aws_kms_key.new" }],
    };
    expect(diffSynth({ dev: a }, { dev: b }).findings).toEqual([]);
  });

  it("accepts an address change covered by a moved block", () => {
    const a = { resource: { aws_s3_bucket: { old: { bucket: "b" } } } };
    const b = { resource: { aws_s3_bucket: { new: { bucket: "b" } } }, moved: [{ from: "aws_s3_bucket.old", to: "aws_s3_bucket.new" }] };
    const report = diffSynth({ dev: a }, { dev: b });
    expect(report.stacks[0].moved).toEqual([{ from: "aws_s3_bucket.old", to: "aws_s3_bucket.new" }]);
    expect(report.findings).toEqual([]);
  });

  it("reports a stack that is no longer synthesized without flagging what it holds", () => {
    const report = diffSynth(before, {});
    expect(report.stacks[0]).toMatchObject({ stack: "dev", status: "removed" });
    expect(report.findings).toEqual([]);
  });

  it("fails on a flagged removal unless stateful removal is allowed", () => {
    const report = diff({ bucketId: "uploads" });
    expect(exitCode(report)).toBe(1);
    expect(exitCode(report, true)).toBe(0);
    expect(formatReport(report, true)).toContain("allowed by --allow-stateful-removal");
  });
});

describe("REPLACING_ARGUMENTS", () => {
  it("names the replacing arguments of every stateful type, and nothing else", () => {
    expect(Object.keys(REPLACING_ARGUMENTS).sort()).toEqual(Object.keys(STATEFUL_TYPES).sort());
  });

  it("keeps only replacing arguments among those the provider keeps when dropped", () => {
    const strays = Object.entries(REPLACING_ARGUMENTS).flatMap(([type, r]) =>
      r.keptWhenRemoved.filter((k) => !r.forceNew.includes(k)).map((k) => `${type}.${k}`),
    );
    expect(strays).toEqual([]);
  });

  it("counts each stateful type's identifying arguments as replacing, except a key's description", () => {
    const missing = Object.entries(STATEFUL_TYPES).flatMap(([type, keys]) =>
      keys.filter((k) => !REPLACING_ARGUMENTS[type].forceNew.includes(k)).map((k) => `${type}.${k}`),
    );
    // KMS updates a key's description in place (UpdateKeyDescription); it only pairs renamed keys.
    expect(missing).toEqual(["aws_kms_key.description"]);
  });
});

describe("changedPaths", () => {
  it("ignores cdktf's // metadata at any depth", () => {
    expect(changedPaths({ "//": { a: 1 }, x: { "//": 1, y: 1 } }, { "//": { a: 2 }, x: { "//": 2, y: 1 } })).toEqual([]);
  });

  it("names added and removed keys and list entries", () => {
    expect(changedPaths({ tags: { A: "1" }, l: [1] }, { tags: { B: "1" }, l: [1, 2] })).toEqual(["l[1]", "tags.A", "tags.B"]);
  });
});

describe("npm run diff", () => {
  const from = folder(before);
  const renamed = folder({ dev: stack({ bucketId: "uploads" }) });

  it("compares two synthesized folders and exits 1 on a stateful rename", () => {
    const result = cli(["--from", from, "--to", renamed]);
    expect(result.status).toBe(1);
    expect(result.out).toContain("renamed (destroys data)");
  });

  it("exits 0 on the same change with --allow-stateful-removal", () => {
    expect(cli(["--from", from, "--to", renamed, "--allow-stateful-removal"]).status).toBe(0);
  });

  it("exits 0 when nothing stateful is destroyed", () => {
    expect(cli(["--from", from, "--to", folder({ dev: stack({ role: false }) })]).status).toBe(0);
  });

  it("exits 2 with the usage on bad arguments", () => {
    const result = cli([]);
    expect(result.status).toBe(2);
    expect(result.err).toContain("give either a git ref or --from <dir>");
    expect(result.err).toContain("usage:");
  });

  it("exits 2 on a folder that holds no synthesized output", () => {
    expect(cli(["--from", mkdtempSync(join(tmpdir(), "empty-")), "--to", from]).status).toBe(2);
  });

  it("reads a git ref and options", () => {
    expect(parseArgs(["origin/main", "--allow-stateful-removal"])).toEqual({ ref: "origin/main", allowStatefulRemoval: true, help: false });
  });

  it("runs through scripts/diff.js with its exit status", () => {
    const result = spawnSync(process.execPath, ["scripts/diff.js", "--from", from, "--to", renamed], { cwd: ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^stack dev: 0 added, 0 removed, \d+ changed, \d+ renamed, 0 moved\n/);
    expect(result.status).toBe(1);
  });

  /**
   * A git repository whose app writes one stack naming its own version and a package it requires
   * from node_modules: small, so the test is about the worktree, not about the real stacks.
   */
  function fixtureRepository(): string {
    const repo = realpathSync(mkdtempSync(join(tmpdir(), "diff-repo-")));
    const app = (version: string) =>
      `const fs = require("node:fs"), path = require("node:path");\n` +
      `const dir = path.join(process.env.CDKTF_OUTDIR, "stacks", "main");\n` +
      `fs.mkdirSync(dir, { recursive: true });\n` +
      `fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify({ version: "${version}", package: require("fixture-package") }));\n`;
    mkdirSync(join(repo, "scripts"));
    mkdirSync(join(repo, "node_modules", "fixture-package"), { recursive: true });
    writeFileSync(join(repo, "node_modules", "fixture-package", "index.js"), 'module.exports = "installed";\n');
    writeFileSync(join(repo, ".gitignore"), "node_modules/\n");
    writeFileSync(join(repo, "scripts", "app.js"), app("committed"));
    const git = (...args: string[]) => spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo, encoding: "utf8" });
    git("init", "--quiet");
    git("add", ".");
    git("commit", "--quiet", "-m", "fixture");
    writeFileSync(join(repo, "scripts", "app.js"), app("uncommitted"));
    return repo;
  }

  it("synthesizes a git ref, not the working tree, in a temporary worktree that it removes afterwards", () => {
    const repo = fixtureRepository();
    const work = mkdtempSync(join(tmpdir(), "diff-ref-"));
    expect(synthesizeRef(repo, "HEAD", work)).toEqual({ main: { version: "committed", package: "installed" } });
    expect(existsSync(work)).toBe(false);
    const listed = spawnSync("git", ["worktree", "list", "--porcelain"], { cwd: repo, encoding: "utf8" }).stdout;
    expect(listed).not.toContain(work);
  });
});
