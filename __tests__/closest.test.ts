import { closest } from "../src/closest";

describe("closest", () => {
  it("finds a plausible typo's intended name", () => {
    expect(closest("azCoutn", ["azCount", "cidr", "natGateways"])).toBe("azCount");
  });

  it("finds nothing when no candidate is close", () => {
    expect(closest("hostedZoneId", ["domain", "zone"])).toBeUndefined();
  });
});
