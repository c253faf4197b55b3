import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { TerraformOutput, Op } from "cdktf";
import { UNRELEASED_TAG, onceReleased } from "../../../src/tiers/app/app-service";
import { releasedCount } from "../../../src/tiers/app/released-count";
import { parsed, synth } from "../../helpers";

describe("releasedCount", () => {
  it("reads the released count from what onceReleased writes into the plan", () => {
    const json = synth((scope) => {
      const tag = new SsmParameter(scope, "tag", { name: "t", type: "String", insecureValue: UNRELEASED_TAG });
      new TerraformOutput(scope, "tasks", { value: onceReleased(Op.neq(tag.insecureValue, UNRELEASED_TAG), 6) });
    });
    expect(releasedCount(parsed(json).output.tasks.value)).toBe(6);
  });

  it("reads plain numbers, as numbers and as strings", () => {
    expect([releasedCount(3), releasedCount("4")]).toEqual([3, 4]);
  });

  it("knows no other expression", () => {
    expect([releasedCount("${var.tasks}"), releasedCount(""), releasedCount(undefined)]).toEqual([undefined, undefined, undefined]);
  });
});
