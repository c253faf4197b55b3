import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main as diff } from "../../tools/diff/cli";
import { readSynth, synthEnvironment as diffSynthEnvironment } from "../../tools/diff/synth";
import { synthEnvironment as validateSynthEnvironment } from "../../tools/validate/synth";

const root = path.resolve(__dirname, "..", "..");

// ENVIRONMENTS narrows `npm run synth`; the guards (validate, the offline diff) must not narrow with it.
describe("ENVIRONMENTS does not narrow the guards", () => {
  it("validate synthesizes every stack", () => {
    const env = validateSynthEnvironment({ ENVIRONMENTS: "dev", PATH: "/bin" }, "/out", false);
    expect(env).toEqual({ PATH: "/bin", CDKTF_OUTDIR: "/out", CHECKPOINT_DISABLE: "1" });
  });

  it("validate's HCL synth sets only what cdktf synth --hcl sets", () => {
    expect(validateSynthEnvironment({ ENVIRONMENTS: "dev" }, "/out", true)).toEqual({
      CDKTF_OUTDIR: "/out",
      CHECKPOINT_DISABLE: "1",
      SYNTH_HCL_OUTPUT: "true",
    });
  });

  it("the diff synthesizes every stack, as JSON", () => {
    expect(diffSynthEnvironment({ ENVIRONMENTS: "dev", SYNTH_HCL_OUTPUT: "true" }, "/out")).toEqual({ CDKTF_OUTDIR: "/out", CHECKPOINT_DISABLE: "1" });
  });

  it("the diff says that it ignores ENVIRONMENTS", () => {
    let err = "";
    diff(["--from", path.join(os.tmpdir(), "no-such-output")], root, root, { out: () => undefined, err: (text) => (err += text) }, { ENVIRONMENTS: "dev" });
    expect(err).toContain("diff: ENVIRONMENTS=dev ignored: the diff synthesizes and compares every stack");
  });
});

describe("the diff reads JSON renderings only", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "diff-renderings-"));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("refuses a stack folder that holds the HCL rendering only, rather than compare nothing", () => {
    fs.mkdirSync(path.join(work, "stacks", "dev"), { recursive: true });
    fs.writeFileSync(path.join(work, "stacks", "dev", "cdk.tf"), "");
    expect(() => readSynth(work)).toThrow(/holds the HCL rendering \(cdk\.tf\) only, and the diff reads JSON: synthesize with npm run synth/);
  });

  it("refuses an output without stacks", () => {
    const empty = path.join(work, "empty");
    fs.mkdirSync(path.join(empty, "stacks"), { recursive: true });
    expect(() => readSynth(empty)).toThrow(/holds no stacks\/<stack>\/cdk\.tf\.json/);
  });
});
