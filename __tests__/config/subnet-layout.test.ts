import { subnetLayout } from "../../src/config/subnet-layout";

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
