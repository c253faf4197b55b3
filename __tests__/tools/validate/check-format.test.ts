import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkHclFormat } from "../../../tools/validate/check-format";
import { withoutLayout } from "../../../tools/validate/check-hcl";
import { main } from "../../../tools/validate/cli";
import { formatProblem, ProblemSink } from "../../../tools/validate/problems";
import { unrefWasmTimers } from "../../support/wasm-timers";

const root = path.resolve(__dirname, "..", "..", "..");

// validate's HCL check runs hcl2json (Go in WebAssembly), whose timers would keep this worker alive.
unrefWasmTimers();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "check-format-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function hclFile(name: string, text: string): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, text);
  return file;
}

describe("checkHclFormat", () => {
  it("accepts what terraform fmt writes", () => {
    const sink = new ProblemSink();
    expect(checkHclFormat([{ stack: "dev", file: hclFile("canonical.tf", "locals {\n  a    = 1\n  bbbb = 2\n}\n") }], sink)).toBeUndefined();
    expect(sink.problems).toEqual([]);
  });

  it("names the stack whose cdk.tf terraform fmt would change", () => {
    const sink = new ProblemSink();
    checkHclFormat([{ stack: "dev", file: hclFile("unaligned.tf", "locals {\na = 1\n  bbbb = 2\n}\n") }], sink);
    expect(sink.problems.map(formatProblem)).toEqual([
      "error VAL-INPUT dev cdk.tf -: is not terraform fmt-canonical; fix: synthesize it with npm run synth:hcl or npx cdktf synth --hcl (both run terraform fmt), or run terraform fmt on it",
    ]);
  });

  it("still checks the other files when one does not parse", () => {
    const sink = new ProblemSink();
    checkHclFormat(
      [
        { stack: "broken", file: hclFile("broken.tf", 'locals {\n  a = "\n}\n') },
        { stack: "dev", file: hclFile("unaligned-too.tf", "locals {\na = 1\n}\n") },
      ],
      sink,
    );
    expect(sink.problems.map((p) => p.stack)).toEqual(["dev"]);
  });

  it("says it could not check when terraform is not on PATH", () => {
    expect(checkHclFormat([{ stack: "dev", file: hclFile("any.tf", "locals {}\n") }], new ProblemSink(), { PATH: work })).toMatch(
      /^terraform fmt could not run .*install Terraform/,
    );
  });
});

describe("npm run validate without terraform", () => {
  const valid = path.join(root, "__tests__", "fixtures", "validate", "valid");
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    jest.spyOn(process.stdout, "write").mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  it("says loudly which check it skipped", async () => {
    expect(await main(root, ["--dir", valid], { PATH: work })).toBe(0);
    expect(stderr.mock.calls.join("")).toMatch(/validate: SKIPPED: terraform fmt could not run/);
  });

  it("fails in CI (CI=true)", async () => {
    expect(await main(root, ["--dir", valid], { PATH: work, CI: "true" })).toBe(1);
  });
});

describe("withoutLayout", () => {
  it("ignores the spaces terraform fmt puts between tokens", () => {
    expect(withoutLayout('${jsonencode({ "a" = [1, 2] })}')).toBe(withoutLayout('${jsonencode({"a" = [1,2]})}'));
    expect(withoutLayout("${{ for k, v in x : k => v }}")).toBe(withoutLayout("${{ for k, v in x: k => v }}"));
  });

  it("keeps the spaces inside string literals and the template's own text", () => {
    expect(withoutLayout('${jsonencode({ "a" = "x y" })}')).not.toBe(withoutLayout('${jsonencode({ "a" = "xy" })}'));
    expect(withoutLayout("a b ${x}")).not.toBe(withoutLayout("ab ${x}"));
    expect(withoutLayout('${f("${g(1, 2)} z")}')).toBe('${f("${g(1,2)} z")}');
  });
});
