import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../src/app";
import { ConfigError } from "../src/config/load";
import { environments, state } from "../environments";
import { rawEnvironment } from "./helpers";
import { synthesizedStackNames } from "./support/synthesized";

describe("buildApp", () => {
  // What the app (main.ts) built in jest's global setup: building every stack again here would cost seconds.
  it("creates one stack per environment, the bootstrap stack, the hosted zone's stack and one CI access stack per environment", () => {
    const names = Object.keys(environments);
    expect(synthesizedStackNames()).toEqual([...names, "bootstrap", "dns", ...names.map((e) => `ci-${e}`)].sort());
  });

  it("builds only the selected stacks", () => {
    const app = buildApp({ environments, state, selection: "ci-test", outdir: mkdtempSync(join(tmpdir(), "app-")) });
    expect(app.node.children.map((c) => c.node.id)).toEqual(["ci-test"]);
  });

  it("synthesizes nothing from an invalid configuration", () => {
    const outdir = join(mkdtempSync(join(tmpdir(), "app-")), "out");
    const prod = rawEnvironment("prod");
    prod.network.azCount = 1;
    expect(() => buildApp({ environments: { ...environments, prod }, state, outdir }).synth()).toThrow(ConfigError);
    expect(existsSync(join(outdir, "stacks"))).toBe(false);
  });
});
