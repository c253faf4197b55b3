import { FREE_TYPES, PRICERS, StackEstimate, byResource, byTier } from "../../../tools/cost/estimate";
import { estimateAll } from "../../../tools/cost/cli";
import { readSynth } from "../../../tools/diff/synth";
import { synthDirs } from "../../support/synthesized";

// The real plans as scripts/app.js wrote them for this run (construct paths included: they give the tiers).
const synth = readSynth(synthDirs().jsonDir);
const estimates = estimateAll(synth);
const of = (stack: string): StackEstimate => estimates.find((e) => e.stack === stack)!;
const items = (stack: string, type: string) => of(stack).lines.filter((l) => l.address.startsWith(`${type}.`));

describe("the cost of the real plans", () => {
  it("prices or lists as free every resource type of every stack", () => {
    const types = new Set(Object.values(synth).flatMap((json) => Object.keys(json.resource ?? {})));
    const unknown = [...types].filter((type) => !(type in PRICERS) && !(type in FREE_TYPES));
    expect(unknown).toEqual([]);
    for (const e of estimates) expect([e.stack, e.problems]).toEqual([e.stack, []]);
  });

  it("costs prod more than test, and test more than dev", () => {
    expect(of("prod").totalUsd).toBeGreaterThan(of("test").totalUsd);
    expect(of("test").totalUsd).toBeGreaterThan(of("dev").totalUsd);
    expect(of("dev").totalUsd).toBeGreaterThan(50);
  });

  it("files every environment's cost under its tiers, data first in prod", () => {
    for (const env of ["dev", "test", "prod"])
      expect(byTier(of(env)).map((t) => t.tier)).toEqual(expect.arrayContaining(["edge", "network", "app", "data", "delivery", "observability"]));
    expect(byTier(of("prod")).sort((a, b) => b.usd - a.usd)[0].tier).toBe("data");
  });

  it("prices prod's three NAT gateways, Multi-AZ database and three cache nodes", () => {
    expect(items("prod", "aws_nat_gateway").filter((l) => l.item === "NAT gateway hours")).toHaveLength(3);
    expect(items("prod", "aws_db_instance").find((l) => l.item === "postgres instance")).toMatchObject({
      quantity: 1460,
      detail: "db.r7g.large, Multi-AZ: primary and standby",
    });
    expect(items("prod", "aws_elasticache_replication_group")[0]).toMatchObject({ quantity: 3 * 730 });
  });

  it("runs prod's tasks on Spot only above the on-demand base of 3", () => {
    const spot = items("prod", "aws_ecs_service").find((l) => l.item === "Fargate Spot vCPU")!;
    const onDemand = items("prod", "aws_ecs_service").find((l) => l.item === "Fargate on-demand vCPU")!;
    expect(onDemand.quantity).toBeGreaterThan(3 * 730);
    expect(spot.quantity / (spot.quantity + onDemand.quantity)).toBeGreaterThan(0.05);
    expect(spot.quantity / (spot.quantity + onDemand.quantity)).toBeLessThan(0.5);
  });

  it("keeps prod's 3-year monthlies and their DR copies in eu-west-1", () => {
    expect(of("prod").notes).toContainEqual(expect.stringMatching(/rule monthly: 36 recovery points kept/));
    const vaults = items("prod", "aws_backup_plan").filter((l) => l.item.startsWith("recovery points in"));
    expect(vaults.map((l) => l.region).sort()).toEqual(["eu-central-1", "eu-west-1"]);
  });

  it("prices prod's interface endpoints in each AZ, its secrets, keys and build minutes", () => {
    expect(
      items("prod", "aws_vpc_endpoint")
        .filter((l) => l.item.startsWith("interface endpoint"))
        .map((l) => l.quantity),
    ).toEqual(Array(5).fill(3 * 730));
    expect(items("prod", "aws_db_instance").find((l) => l.item === "master password secret")?.monthlyUsd).toBe(0.4);
    expect(items("prod", "aws_kms_key").filter((l) => l.item === "KMS customer managed key")).toHaveLength(10);
    expect(items("prod", "aws_codebuild_project").reduce((s, l) => s + l.quantity, 0)).toBe(40 * (6 + 10 + 2 + 1 + 1));
  });

  it("names prod's largest items: the database and the cache", () => {
    expect(
      byResource(of("prod"))
        .slice(0, 2)
        .map((r) => r.address.split(".")[0])
        .sort(),
    ).toEqual(["aws_db_instance", "aws_elasticache_replication_group"]);
  });
});
