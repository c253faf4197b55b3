import { subnetLayout, subnetLayoutProblem } from "../../src/config/subnet-layout";

describe("subnetLayout", () => {
  const layout = subnetLayout("10.0.0.0/16", { private: 4, public: 8, isolated: 8 });

  it("carves private subnets first, largest", () => {
    expect(layout.private.slice(0, 2)).toEqual(["10.0.0.0/20", "10.0.16.0/20"]);
  });

  it("reserves six AZ slots per tier so adding an AZ moves nothing", () => {
    expect(layout.private).toHaveLength(6);
    expect(layout.public[0]).toBe("10.0.96.0/24");
    expect(layout.isolated[0]).toBe("10.0.102.0/24");
  });

  it("throws when the subnets do not fit", () => {
    expect(() => subnetLayout("10.0.0.0/24", { private: 2, public: 2, isolated: 2 })).toThrow(/does not fit in 10.0.0.0\/24/);
  });
});

describe("subnetLayoutProblem", () => {
  it("accepts a layout that fits", () => {
    expect(subnetLayoutProblem("10.0.0.0/16", { private: 4, public: 8, isolated: 8 })).toBeUndefined();
  });

  it("offers both fixes when a larger VPC and lower subnetNewBits both work", () => {
    expect(subnetLayoutProblem("10.0.0.0/22", { private: 4, public: 8, isolated: 8 })).toMatch(
      /use a \/20 VPC or larger \(e.g. 10.0.0.0\/20\) with these subnetNewBits; or keep the VPC and lower network.subnetNewBits.public and .isolated to 6 or less$/,
    );
  });

  it("never suggests a raise that would make subnets smaller than /28", () => {
    expect(subnetLayoutProblem("10.0.0.0/23", { private: 1, public: 1, isolated: 1 })).toMatch(/raise network.subnetNewBits \(each bit halves/);
  });
});
