import { readFileSync } from "node:fs";
import { join } from "node:path";
import { missingOptionals } from "../../scripts/check-lockfile";

describe("missingOptionals", () => {
  it("finds nothing missing in package-lock.json, so npm ci accepts it on every platform", () => {
    const lock = JSON.parse(readFileSync(join(__dirname, "..", "..", "package-lock.json"), "utf8"));
    expect(missingOptionals(lock.packages)).toEqual([]);
  });

  it("names an optional binary the lockfile lost, as npm ci would refuse it", () => {
    const packages = {
      "": {},
      "node_modules/@swc/core": { optionalDependencies: { "@swc/core-darwin-arm64": "1.16.22", "@swc/core-linux-x64-gnu": "1.16.22" } },
      "node_modules/@swc/core-linux-x64-gnu": {},
    };
    expect(missingOptionals(packages)).toEqual(["node_modules/@swc/core: optional dependency @swc/core-darwin-arm64 is missing"]);
  });

  it("finds an optional dependency nested under its parent or hoisted above it", () => {
    const packages = {
      "node_modules/a": { optionalDependencies: { b: "1", c: "1" } },
      "node_modules/a/node_modules/b": {},
      "node_modules/c": {},
    };
    expect(missingOptionals(packages)).toEqual([]);
  });
});
