import { FREE_TYPES, PRICERS, StackEstimate, byTier, estimateStack, runsPerMonth, tierOf } from "../../../tools/cost/estimate";
import { PRICES, PRICES_AS_OF, REGIONS } from "../../../tools/cost/prices";
import { USAGE, UsageError, usageFor } from "../../../tools/cost/usage";
import { FixtureOptions, fixture } from "./fixture";
import { usage } from "./usage-fixture";

const estimate = (options: FixtureOptions = {}): StackEstimate => estimateStack("dev", fixture(options), usage);
const line = (e: StackEstimate, address: string, item: string) => {
  const found = e.lines.filter((l) => l.address === address && l.item === item);
  if (found.length !== 1) throw new Error(`${found.length} lines ${address} / ${item} in:\n${e.lines.map((l) => `${l.address} / ${l.item}`).join("\n")}`);
  return found[0];
};
const monthly = (e: StackEstimate, address: string) => e.lines.filter((l) => l.address === address).reduce((s, l) => s + l.monthlyUsd, 0);
const FRA = PRICES["eu-central-1"];

describe("estimateStack on a small fixture", () => {
  it("totals its line items", () => {
    const e = estimate();
    expect(e.totalUsd).toBeCloseTo(
      e.lines.reduce((s, l) => s + l.monthlyUsd, 0),
      2,
    );
    expect(e.problems).toEqual([]);
  });

  it("prices a NAT gateway's hours and its share of the processed GB, and its public IPv4 address", () => {
    const e = estimate({ natGateways: 2 });
    expect(line(e, "aws_nat_gateway.nat-0", "NAT gateway hours").monthlyUsd).toBeCloseTo(730 * 0.052, 6);
    expect(line(e, "aws_nat_gateway.nat-1", "NAT data processed").quantity).toBe(50);
    expect(line(e, "aws_eip.eip-0", "public IPv4 address").monthlyUsd).toBeCloseTo(3.65, 6);
  });

  it("prices Fargate task-hours from the minimum and the business-hours floor", () => {
    const e = estimate();
    // 2 tasks, 4 from 07:00 to 20:00 Monday to Friday; the base of 2 on FARGATE, the rest 1:1.
    const weekShare = 65 / 168;
    const onDemand = 2 * 730 + 1 * 730 * weekShare;
    expect(line(e, "aws_ecs_service.service", "Fargate on-demand vCPU").quantity).toBeCloseTo(onDemand, 6);
    expect(line(e, "aws_ecs_service.service", "Fargate Spot vCPU").quantity).toBeCloseTo(730 * weekShare, 6);
    expect(line(e, "aws_ecs_service.service", "Fargate on-demand memory").unitUsd).toBe(FRA["fargate.gb.arm"].usd);
  });

  it("moves the estimate when the schedule changes: business hours ending at 18:00", () => {
    const hourly = FRA["fargate.vcpu.arm"].usd + 2 * FRA["fargate.gb.arm"].usd + FRA["fargateSpot.vcpu.arm"].usd + 2 * FRA["fargateSpot.gb.arm"].usd;
    const saved = (730 * 10) / 168;
    expect(estimate().totalUsd - estimate({ endHour: 18 }).totalUsd).toBeCloseTo(saved * hourly, 1);
    expect(monthly(estimate({ endHour: 18 }), "aws_ecs_service.service")).toBeLessThan(monthly(estimate(), "aws_ecs_service.service"));
  });

  it("takes the Spot share from the capacity provider strategy", () => {
    const e = estimate({ fargateBase: 0, spotWeight: 3 });
    const spot = line(e, "aws_ecs_service.service", "Fargate Spot vCPU").quantity;
    const onDemand = line(e, "aws_ecs_service.service", "Fargate on-demand vCPU").quantity;
    expect(spot / (spot + onDemand)).toBeCloseTo(0.75, 6);
    expect(e.notes.join("\n")).toMatch(/75% on FARGATE_SPOT/);
  });

  it("counts the peak share at the scaling maximum", () => {
    const peak = estimateStack("dev", fixture(), usageFor("dev", { dev: { ...USAGE.dev, app: { peakShare: 0.1 } } }));
    expect(monthly(peak, "aws_ecs_service.service")).toBeGreaterThan(monthly(estimate(), "aws_ecs_service.service"));
  });

  it("doubles the database's instance hours and storage in Multi-AZ", () => {
    const single = estimate();
    const multi = estimate({ multiAz: true });
    expect(line(single, "aws_db_instance.db", "postgres instance").monthlyUsd).toBeCloseTo(730 * 0.038, 6);
    expect(line(multi, "aws_db_instance.db", "postgres instance").monthlyUsd).toBeCloseTo(2 * 730 * 0.038, 6);
    expect(line(multi, "aws_db_instance.db", "gp3 storage").quantity).toBe(40);
  });

  it("charges automated backups only beyond the free share (the allocated storage)", () => {
    expect(estimate().lines.some((l) => l.item.startsWith("automated backups"))).toBe(false);
    const big = usageFor("dev", { dev: { ...USAGE.dev, database: { usedGb: 18, dailyChange: 0.1, monthlyChange: 0.5, ioMillions: 0 } } });
    // 18 GB + 7 days x 1.8 GB = 30.6 GB, 20 of them free.
    expect(line(estimateStack("dev", fixture(), big), "aws_db_instance.db", "automated backups beyond the free share").quantity).toBeCloseTo(10.6, 6);
  });

  it("prices Valkey nodes 20% below Redis OSS", () => {
    expect(line(estimate(), "aws_elasticache_replication_group.redis", "Valkey nodes").monthlyUsd).toBeCloseTo(2 * 730 * 0.018 * 0.8, 6);
  });

  it("keeps 36 monthly recovery points for a 1095-day rule and copies the dailies to the DR region", () => {
    const e = estimate();
    // 10 GB database: a full copy, 6 daily increments of 1 GB, 35 monthly increments of 5 GB.
    const vault = line(e, "aws_backup_plan.plan", "recovery points in vault");
    expect(vault.quantity).toBeCloseTo(10 + 6 + 35 * 5, 6);
    const dr = line(e, "aws_backup_plan.plan", "recovery points in dr");
    expect([dr.region, dr.quantity]).toEqual(["eu-west-1", 16]);
    expect(line(e, "aws_backup_plan.plan", "daily copies to eu-west-1").quantity).toBeCloseTo(365 / 12, 6);
  });

  it("prices log storage by the group's retention", () => {
    const month = line(estimate(), "aws_cloudwatch_log_group.app", "log storage").quantity;
    expect(line(estimate({ logRetentionDays: 90 }), "aws_cloudwatch_log_group.app", "log storage").quantity).toBeCloseTo(3 * month, 6);
  });

  it("prices a bucket's storage by its expiration rule", () => {
    // dev's ALB logs: 0.005 GB a day, expired after 90 days.
    expect(line(estimate(), "aws_s3_bucket.logs", "S3 Standard").quantity).toBeCloseTo(0.45, 6);
  });

  it("files lines under the tier of their construct", () => {
    const tiers = Object.fromEntries(byTier(estimate()).map((t) => [t.tier, t.usd]));
    expect(Object.keys(tiers)).toEqual(["edge", "network", "app", "data", "observability"]);
    expect(tiers.network).toBeCloseTo(monthly(estimate(), "aws_nat_gateway.nat-0") + monthly(estimate(), "aws_eip.eip-0"), 6);
  });

  it("prices an Auto Scaling group's minimum hosts and their root volumes", () => {
    const e = estimate({
      extra: {
        aws_launch_template: { hosts: { instance_type: "m7g.large", block_device_mappings: [{ ebs: [{ volume_size: 40 }] }] } },
        aws_autoscaling_group: {
          hosts: { "//": { metadata: { path: "dev/hosts/group" } }, min_size: 2, max_size: 6, launch_template: { id: "${aws_launch_template.hosts.id}" } },
        },
      },
    });
    expect(line(e, "aws_autoscaling_group.hosts", "EC2 hosts on-demand")).toMatchObject({ quantity: 2 * 730, unitUsd: FRA["ec2.m7g.large"].usd, tier: "app" });
    expect(line(e, "aws_autoscaling_group.hosts", "EBS gp3 root volumes").quantity).toBe(80);
  });

  it("sizes the hosts behind a capacity provider by the tasks placed on it, Spot above the on-demand base", () => {
    const json = fixture({
      extra: {
        aws_launch_template: { hosts: { instance_type: "m7g.large" } },
        aws_autoscaling_group: {
          hosts: {
            min_size: 1,
            max_size: 6,
            mixed_instances_policy: {
              launch_template: {
                launch_template_specification: { launch_template_id: "${aws_launch_template.hosts.id}" },
                override: [{ instance_type: "m7g.large" }],
              },
              instances_distribution: { on_demand_base_capacity: 1, on_demand_percentage_above_base_capacity: 0 },
            },
          },
        },
        aws_ecs_capacity_provider: {
          hosts: {
            name: "notes-dev-hosts",
            auto_scaling_group_provider: {
              auto_scaling_group_arn: "${aws_autoscaling_group.hosts.arn}",
              managed_scaling: { status: "ENABLED", target_capacity: 100 },
            },
          },
        },
      },
    });
    json.resource.aws_ecs_service.service.capacity_provider_strategy = [{ capacity_provider: "${aws_ecs_capacity_provider.hosts.name}", base: 0, weight: 1 }];
    const e = estimateStack("dev", json, usage);
    // 1 vCPU / 2 GB tasks: two per m7g.large (2 vCPU, 8 GiB, 3 interfaces), 2 tasks and 4 in business hours.
    const hostHours = (2 * 730 + 2 * 730 * (65 / 168)) / 2;
    expect(line(e, "aws_autoscaling_group.hosts", "EC2 hosts on-demand").quantity).toBeCloseTo(730, 6);
    const spot = line(e, "aws_autoscaling_group.hosts", "EC2 hosts on Spot");
    expect(spot.quantity).toBeCloseTo(hostHours - 730, 6);
    expect(spot.unitUsd).toBeCloseTo(FRA["ec2.m7g.large"].usd * FRA["ec2.spotFactor"].usd, 10);
    expect(e.lines.some((l) => l.item.startsWith("Fargate"))).toBe(false);
  });

  it("prices CloudFront in us-east-1: in front of the load balancer it carries the app's traffic", () => {
    const e = estimate({ extra: { aws_cloudfront_distribution: { cdn: { enabled: true, origin: [{ domain_name: "${aws_lb.alb.dns_name}" }] } } } });
    expect(line(e, "aws_cloudfront_distribution.cdn", "CloudFront transfer out")).toMatchObject({ quantity: 10, region: "us-east-1", tier: "edge" });
    expect(line(e, "aws_cloudfront_distribution.cdn", "CloudFront HTTPS requests").quantity).toBe(100);
    expect(e.lines.some((l) => l.item === "data transfer out to the internet")).toBe(false);
  });

  it("prices a static front end's distribution with its own traffic, beside the load balancer's", () => {
    const e = estimate({
      extra: { aws_cloudfront_distribution: { site: { enabled: true, origin: [{ domain_name: "${aws_s3_bucket.logs.bucket_regional_domain_name}" }] } } },
    });
    expect(line(e, "aws_cloudfront_distribution.site", "CloudFront transfer out").quantity).toBe(usage.cdn.transferOutGb);
    expect(line(e, "aws_lb.alb", "data transfer out to the internet").quantity).toBe(10);
  });

  it("prices an Aurora cluster's instances, storage, I/O and the readers its autoscaling keeps", () => {
    const e = estimate({
      extra: {
        aws_rds_cluster: { aurora: { engine: "aurora-postgresql", backup_retention_period: 7, manage_master_user_password: true } },
        aws_rds_cluster_instance: {
          writer: { cluster_identifier: "${aws_rds_cluster.aurora.id}", instance_class: "db.r7g.large" },
        },
        aws_appautoscaling_target: {
          readers: { service_namespace: "rds", resource_id: "cluster:${aws_rds_cluster.aurora.cluster_identifier}", min_capacity: 2, max_capacity: 4 },
        },
      },
    });
    expect(line(e, "aws_rds_cluster_instance.writer", "Aurora instance").monthlyUsd).toBeCloseTo(730 * FRA["aurora.db.r7g.large"].usd, 6);
    expect(line(e, "aws_appautoscaling_target.readers", "autoscaled Aurora readers at the minimum").quantity).toBe(2 * 730);
    expect(line(e, "aws_rds_cluster.aurora", "Aurora storage").quantity).toBe(10);
    // 10 GB, 10% a day, 7 days: beyond the free share of one volume.
    expect(line(e, "aws_rds_cluster.aurora", "backups beyond the free share").quantity).toBeCloseTo(7, 6);
  });

  it("reports a resource type that is neither priced nor free", () => {
    const e = estimate({ extra: { aws_sagemaker_endpoint: { model: {} } } });
    expect(e.problems).toEqual([expect.stringMatching(/^aws_sagemaker_endpoint \(1\): neither priced nor listed as free/)]);
  });

  it("reports a price missing from the table, naming the key and the region", () => {
    const json = fixture();
    json.resource.aws_db_instance.db.instance_class = "db.x2g.large";
    expect(estimateStack("dev", json, usage).problems).toEqual([
      "aws_db_instance.db: no price for rds.postgres.db.x2g.large in eu-central-1: add it to tools/cost/prices.ts",
    ]);
  });
});

describe("tierOf", () => {
  it("uses the first construct on the path that is a tier or a known capability", () => {
    expect(tierOf({ "//": { metadata: { path: "prod/database/instance" } } })).toBe("data");
    expect(tierOf({ "//": { metadata: { path: "prod/edge/load-balancer/alb" } } })).toBe("edge");
  });

  it("falls back on the type, then on shared", () => {
    expect(tierOf({}, "aws_nat_gateway")).toBe("network");
    expect(tierOf({}, "aws_kms_key")).toBe("shared");
  });
});

describe("runsPerMonth", () => {
  it("reads daily, monthly and weekly backup schedules", () => {
    expect(runsPerMonth("cron(0 5 * * ? *)")).toBeCloseTo(365 / 12, 6);
    expect(runsPerMonth("cron(0 5 1 * ? *)")).toBe(1);
    expect(runsPerMonth("cron(0 5 ? * SUN *)")).toBeCloseTo(52 / 12, 6);
  });
});

describe("the price table and the free list", () => {
  it("is dated and has every key in every region, each with an AWS pricing page", () => {
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const keys = Object.keys(PRICES["eu-central-1"]).sort();
    for (const region of REGIONS) {
      expect(Object.keys(PRICES[region]).sort()).toEqual(keys);
      for (const price of Object.values(PRICES[region])) {
        expect(price.url).toMatch(/^https:\/\/aws\.amazon\.com\//);
        expect(price.usd).toBeGreaterThan(0);
        if (price.source === "stored-page") expect(price.page).toMatch(/^https:\/\//);
      }
    }
  });

  it("gives every free type a reason and never lists a type as both free and priced", () => {
    for (const [type, reason] of Object.entries(FREE_TYPES)) {
      expect(reason.length).toBeGreaterThan(3);
      expect(PRICERS[type]).toBeUndefined();
    }
  });
});

describe("usageFor", () => {
  it("falls back on the shared assumptions for other stacks", () => {
    expect(usageFor("bootstrap").traffic.requestsPerMonth).toBe(0);
  });

  it("refuses a bad figure, naming the environment and the field", () => {
    expect(() => usageFor("dev", { dev: { ...USAGE.dev, app: { peakShare: 2 } } })).toThrow(UsageError);
    expect(() => usageFor("dev", { dev: { ...USAGE.dev, app: { peakShare: 2 } } })).toThrow(/dev: usage\.app\.peakShare/);
  });

  it("refuses a name-part table without a default", () => {
    expect(() => usageFor("dev", { dev: { ...USAGE.dev, buckets: {} } })).toThrow(/dev: usage\.buckets needs a default entry/);
  });
});
