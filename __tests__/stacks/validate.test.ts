import * as path from "node:path";
import { formatProblem } from "../../tools/validate/problems";
import { loadProviderSchema } from "../../tools/validate/schema-cache";
import { validateSynthOutput } from "../../tools/validate/validate";
import { synthDirs, synthesizedStackNames } from "../support/synthesized";
import { unrefWasmTimers } from "../support/wasm-timers";

unrefWasmTimers();

/**
 * `npm run validate`'s checks on the stacks this run synthesized (JSON and HCL, once, in the global
 * setup): what `npm test` used to run after jest, now beside the other tests on the same output.
 */
describe("every synthesized stack passes npm run validate", () => {
  it("has no problem", async () => {
    const { schema } = loadProviderSchema({ root: path.resolve(__dirname, "..", "..") });
    const result = await validateSynthOutput({ schema, ...synthDirs() });
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect([...result.stacks].sort()).toEqual(synthesizedStackNames());
  }, 60_000);
});
