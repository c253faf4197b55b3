import { problemsWith } from "../helpers";

describe("environment schema", () => {
  it("accepts the example environments", () => {
    expect(problemsWith("dev", () => undefined)).toEqual([]);
  });

  it("names the environment, the field, what is allowed and the value", () => {
    expect(problemsWith("prod", (e) => (e.network.azCount = 1))).toContain("prod: network.azCount must be between 2 and 6, got 1");
  });

  it("reports every problem at once", () => {
    const problems = problemsWith("dev", (e) => {
      e.accountId = "123";
      e.region = "mars-1";
    });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^dev: accountId must be a 12-digit/), expect.stringMatching(/^dev: region must be an AWS region/)]),
    );
  });

  it("rejects an unknown field, naming the known one it is closest to", () => {
    expect(problemsWith("dev", (e) => (e.netwrk = {}))).toEqual(['dev: (top level) has an unknown key "netwrk": did you mean "network"?']);
  });

  it("suggests the nearest key of the same object for a misspelt nested key", () => {
    expect(problemsWith("dev", (e) => ((e.network.azCoutn = 2), delete e.network.azCount))).toContain(
      'dev: network has an unknown key "azCoutn": did you mean "azCount"?',
    );
  });

  it("lists the known keys when no key is close", () => {
    expect(problemsWith("dev", (e) => (e.dns.hostedZoneId = "Z123"))).toEqual(['dev: dns has an unknown key "hostedZoneId"; known keys: domain, zone']);
  });

  it("says a missing field is required and what it holds", () => {
    expect(problemsWith("dev", (e) => delete e.accountId)).toEqual([
      "dev: accountId is required: the 12-digit id of the only AWS account this environment may be applied to (the provider's allowed_account_ids) (a string)",
    ]);
    expect(problemsWith("dev", (e) => delete e.network.azCount)).toEqual([
      "dev: network.azCount is required: how many availability zones the network spans (2-6); prod needs at least 3 to survive the loss of one (a number)",
    ]);
  });

  it("points a missing field without a description at the file that declares it", () => {
    expect(problemsWith("dev", (e) => (e.app.scaling.schedule = { timezone: "UTC", days: "MON-FRI", start: "07:00", end: "19:00" }))).toEqual([
      "dev: app.scaling.schedule.minTasks is required: the fewest tasks during business hours (a number)",
    ]);
    expect(problemsWith("dev", (e) => (e.database.readers = { max: 2, targetCpuPercent: 70 }))).toEqual([
      expect.stringMatching(/^dev: database.readers.min is required \(a number\); src\/config\/schema.ts says what it holds$/),
    ]);
  });

  it("describes every required field, so that leaving one out says what it holds", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module instance for this test
    const { environmentSchema, stateSchema } = require("../../src/config/schema");
    const undescribed: string[] = [];
    const walk = (schema: any, path: string[]) => {
      const def = schema._zod.def;
      if (def.type === "optional") return;
      if (path.length > 1 && !schema.description) undescribed.push(path.join("."));
      if (def.type === "object") for (const [key, field] of Object.entries(def.shape)) walk(field, [...path, key]);
    };
    walk(environmentSchema, ["environment"]);
    walk(stateSchema, ["state"]);
    expect(undescribed).toEqual([]);
  });

  it("rejects an invalid CIDR", () => {
    expect(problemsWith("dev", (e) => (e.network.cidr = "10.0.0.1/16"))).toEqual([expect.stringMatching(/^dev: network.cidr must be an IPv4 CIDR/)]);
  });

  it("says which subnetNewBits to raise, and to what, when the subnets overflow the VPC", () => {
    expect(problemsWith("dev", (e) => (e.network.subnetNewBits.private = 2))).toEqual([
      expect.stringMatching(
        /^dev: network.subnetNewBits takes more than the VPC: .* raise network.subnetNewBits.private from 2 to 3 \(\/19 subnets\); a larger VPC does not help/,
      ),
    ]);
  });

  it("says how much larger the VPC must be, or how far to lower subnetNewBits, for subnets under /28", () => {
    expect(problemsWith("dev", (e) => ((e.network.cidr = "10.0.0.0/20"), (e.network.subnetNewBits.public = 9)))).toEqual([
      expect.stringMatching(
        /^dev: network.subnetNewBits gives \/29 public subnets in a \/20 VPC, .*: use a \/19 VPC or larger \(e.g. 10.0.0.0\/19\) with these subnetNewBits; or keep the VPC and lower network.subnetNewBits.public to 8 or less, got/,
      ),
    ]);
  });

  it("says a /24 VPC is too small for any layout, and the VPC that fits the given subnetNewBits", () => {
    const [problem] = problemsWith("dev", (e) => (e.network.cidr = "10.0.0.0/24"));
    expect(problem).toMatch(/^dev: network.subnetNewBits gives \/32 public and isolated subnets in a \/24 VPC/);
    expect(problem).toMatch(/use a \/20 VPC or larger \(e.g. 10.0.0.0\/20\) with these subnetNewBits\. No layout fits a \/24: .* need a \/23 or larger/);
    expect(problem).not.toMatch(/raise/);
  });

  it("rejects a DR region equal to the region", () => {
    expect(problemsWith("dev", (e) => (e.drRegion = e.region))).toEqual([expect.stringMatching(/^dev: drRegion must differ from region/)]);
  });

  it("rejects a domain outside its hosted zone", () => {
    expect(problemsWith("dev", (e) => (e.dns.domain = "dev.other.org"))).toEqual([
      expect.stringMatching(/^dev: dns.domain must be notes.example.com or a name inside it/),
    ]);
  });

  it("requires at least 3 AZs in prod", () => {
    expect(problemsWith("prod", (e) => (e.network.azCount = 2))).toEqual([expect.stringMatching(/^prod: network.azCount must be at least 3 in prod/)]);
  });

  it("requires a NAT gateway per AZ in prod", () => {
    expect(problemsWith("prod", (e) => (e.network.natGateways = "single"))).toEqual([
      expect.stringMatching(/^prod: network.natGateways must be perAz in prod/),
    ]);
  });

  it("requires stateful resources protected in prod", () => {
    expect(problemsWith("prod", (e) => (e.protectStatefulResources = false))).toEqual([
      expect.stringMatching(/^prod: protectStatefulResources must be true in prod/),
    ]);
  });

  it("keeps prod to the default workspace", () => {
    expect(problemsWith("prod", (e) => (e.workspaces.allowNonDefault = true))).toEqual([
      expect.stringMatching(/^prod: workspaces.allowNonDefault must be false in prod/),
    ]);
  });

  it("keeps prod's security logs at least a year", () => {
    expect(problemsWith("prod", (e) => (e.network.flowLogRetentionDays = 90))).toEqual([
      "prod: network.flowLogRetentionDays must be at least 365 in prod: flow logs are security evidence, got 90",
    ]);
    expect(problemsWith("prod", (e) => (e.edge.wafLogRetentionDays = 180))).toEqual([
      "prod: edge.wafLogRetentionDays must be at least 365 in prod: WAF logs are security evidence, got 180",
    ]);
  });

  it("keeps every prod log group at least a year", () => {
    expect(problemsWith("prod", (e) => (e.logRetentionDays = 90))).toEqual([
      "prod: logRetentionDays must be at least 365 in prod: every prod log group keeps a year (app, database, cache, builds), got 90",
    ]);
  });

  it("rejects a log retention CloudWatch does not accept, listing the allowed values", () => {
    expect(problemsWith("dev", (e) => (e.logRetentionDays = 10))).toEqual([
      expect.stringMatching(/^dev: logRetentionDays must be one of 1, 3, 5, 7, 14, .* got 10$/),
    ]);
  });

  it("rejects fewer maximum tasks than minimum", () => {
    expect(problemsWith("dev", (e) => (e.app.maxTasks = 0))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^dev: app.maxTasks must be between 1 and 400/)]),
    );
    expect(problemsWith("dev", (e) => ((e.app.minTasks = 5), (e.app.maxTasks = 4)))).toEqual([
      expect.stringMatching(/^dev: app.maxTasks must be at least app.minTasks \(5\)/),
    ]);
  });

  it("rejects a storage limit below the allocated storage", () => {
    expect(problemsWith("dev", (e) => (e.database.maxAllocatedStorageGiB = 10))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^dev: database.maxAllocatedStorageGiB must be/)]),
    );
  });

  describe("database", () => {
    it("requires Multi-AZ in prod", () => {
      expect(problemsWith("prod", (e) => (e.database.multiAz = false))).toEqual([
        "prod: database.multiAz must be true in prod, so the database survives the loss of an AZ, got false",
      ]);
    });

    it("rejects an engine version of another engine", () => {
      expect(problemsWith("dev", (e) => (e.database.engineVersion = "8.0.mysql_aurora.3.05.2"))).toEqual([
        'dev: database.engineVersion must be a version of postgres such as 16 or 16.6, got "8.0.mysql_aurora.3.05.2"',
      ]);
      expect(problemsWith("dev", (e) => Object.assign(e.database, { engine: "aurora-mysql", engineVersion: "16.6", instanceClass: "db.t4g.medium" }))).toEqual([
        'dev: database.engineVersion must be a version of aurora-mysql such as 8.0.mysql_aurora.3.08.2, got "16.6"',
      ]);
    });

    it("accepts each engine with a version of its own", () => {
      const aurora = (engine: string, engineVersion: string) => (e: any) =>
        Object.assign(e.database, { engine, engineVersion, instanceClass: "db.t4g.medium" });
      expect(problemsWith("dev", aurora("aurora-mysql", "8.0.mysql_aurora.3.05.2"))).toEqual([]);
      expect(problemsWith("dev", aurora("aurora-postgresql", "16.6"))).toEqual([]);
    });

    it("rejects an instance class Aurora does not run on", () => {
      for (const instanceClass of ["db.t3.micro", "db.t4g.micro", "db.t4g.small"]) {
        expect(problemsWith("dev", (e) => Object.assign(e.database, { engine: "aurora-postgresql", engineVersion: "16.6", instanceClass }))).toEqual([
          expect.stringMatching(
            new RegExp(`^dev: database.instanceClass must be db.t3.medium, db.t4g.medium or larger .* for aurora-postgresql, got "${instanceClass}"$`),
          ),
        ]);
      }
    });

    it("needs an Aurora reader in another AZ for Multi-AZ", () => {
      expect(
        problemsWith("prod", (e) =>
          Object.assign(e.database, { engine: "aurora-postgresql", engineVersion: "16.6", instanceClass: "db.r7g.large", readers: undefined }),
        ),
      ).toEqual([expect.stringMatching(/^prod: database.readers.min must be at least 1 when database.multiAz is true on Aurora.*got 0$/)]);
    });

    it("keeps readers to Aurora", () => {
      expect(problemsWith("dev", (e) => (e.database.readers = { min: 1, max: 2, targetCpuPercent: 70 }))).toEqual([
        expect.stringMatching(/^dev: database.readers is for Aurora engines only/),
      ]);
    });

    it("requires a final snapshot in prod", () => {
      expect(problemsWith("prod", (e) => (e.database.skipFinalSnapshot = true))).toEqual([
        expect.stringMatching(/^prod: database.skipFinalSnapshot must be false in prod/),
      ]);
    });

    it("checks the window formats", () => {
      expect(problemsWith("dev", (e) => ((e.database.backupWindow = "1:00-2:00"), (e.database.maintenanceWindow = "Sunday:03:00-Sunday:04:00")))).toEqual([
        'dev: database.backupWindow must be hh24:mi-hh24:mi in UTC, e.g. 01:00-02:00, got "1:00-2:00"',
        'dev: database.maintenanceWindow must be ddd:hh24:mi-ddd:hh24:mi in UTC with a lowercase day, e.g. sun:03:00-sun:04:00, got "Sunday:03:00-Sunday:04:00"',
      ]);
    });

    it("rejects a backup window that overlaps the maintenance window", () => {
      expect(problemsWith("dev", (e) => (e.database.backupWindow = "03:30-04:30"))).toEqual([
        'dev: database.backupWindow must not overlap database.maintenanceWindow (sun:03:00-sun:04:00), got "03:30-04:30"',
      ]);
    });

    it("rejects a window shorter than RDS allows", () => {
      expect(problemsWith("dev", (e) => (e.database.backupWindow = "01:00-01:20"))).toEqual([
        'dev: database.backupWindow must last at least 30 minutes, got "01:00-01:20"',
      ]);
    });

    it("restores only from a snapshot in the environment's region, of the engine's kind", () => {
      const snapshot = (id: string) => (e: any) => (e.database.restore = { snapshotIdentifier: id });
      expect(problemsWith("dev", snapshot("arn:aws:rds:eu-central-1:111111111111:snapshot:awsbackup:job-1234"))).toEqual([]);
      expect(problemsWith("dev", snapshot("rds:notes-dev-database-2026-01-01-03-00"))).toEqual([]);
      expect(problemsWith("dev", snapshot("arn:aws:rds:eu-west-1:111111111111:snapshot:awsbackup:job-1234"))).toEqual([
        expect.stringMatching(
          /^dev: database.restore.snapshotIdentifier must be a snapshot in the environment's region eu-central-1 .*got "arn:aws:rds:eu-west-1:/,
        ),
      ]);
      expect(problemsWith("dev", snapshot("arn:aws:rds:eu-central-1:111111111111:cluster-snapshot:awsbackup:job-1234"))).toEqual([
        'dev: database.restore.snapshotIdentifier must be an RDS instance snapshot (arn:aws:rds:...:snapshot:...) for postgres, got "arn:aws:rds:eu-central-1:111111111111:cluster-snapshot:awsbackup:job-1234"',
      ]);
    });

    it("restores Aurora PostgreSQL from an RDS PostgreSQL instance snapshot, the way from postgres to Aurora", () => {
      const aurora = (id: string) => (e: any) =>
        Object.assign(e.database, { engine: "aurora-postgresql", engineVersion: "16.6", instanceClass: "db.t4g.medium", restore: { snapshotIdentifier: id } });
      expect(problemsWith("dev", aurora("arn:aws:rds:eu-central-1:111111111111:snapshot:notes-dev-database-before-aurora"))).toEqual([]);
      expect(problemsWith("dev", aurora("arn:aws:rds:eu-central-1:111111111111:cluster-snapshot:awsbackup:job-1234"))).toEqual([]);
    });

    it("restores Aurora MySQL from a cluster snapshot only", () => {
      const problems = problemsWith("dev", (e: any) =>
        Object.assign(e.database, {
          engine: "aurora-mysql",
          engineVersion: "8.0.mysql_aurora.3.08.2",
          instanceClass: "db.t4g.medium",
          restore: { snapshotIdentifier: "arn:aws:rds:eu-central-1:111111111111:snapshot:notes-dev-database-before-aurora" },
        }),
      );
      expect(problems).toEqual([
        expect.stringMatching(
          /^dev: database.restore.snapshotIdentifier must be an Aurora cluster snapshot \(arn:aws:rds:...:cluster-snapshot:...\) for aurora-mysql/,
        ),
      ]);
    });
  });

  describe("cache", () => {
    it("requires a replica for Multi-AZ", () => {
      expect(problemsWith("dev", (e) => (e.cache.multiAz = true))).toEqual([
        "dev: cache.replicas must be at least 1 when cache.multiAz is true: Multi-AZ fails over to a replica in another AZ, got 0",
      ]);
    });

    it("requires Multi-AZ in prod", () => {
      expect(problemsWith("prod", (e) => (e.cache.multiAz = false))).toEqual([
        "prod: cache.multiAz must be true in prod, so sessions survive the loss of an AZ, got false",
      ]);
    });

    it("rejects an engine version of another engine, or without IAM authentication", () => {
      expect(problemsWith("dev", (e) => (e.cache.engineVersion = "7.1"))).toEqual([
        'dev: cache.engineVersion must be a Valkey version such as 7.2, 8.0 or 8.1, got "7.1"',
      ]);
      expect(problemsWith("dev", (e) => Object.assign(e.cache, { engine: "redis", engineVersion: "6.2" }))).toEqual([
        'dev: cache.engineVersion must be a Redis OSS version 7.0 or 7.1 (IAM authentication needs 7.0 or later), got "6.2"',
      ]);
    });

    it("rejects a snapshot window that overlaps the maintenance window", () => {
      expect(problemsWith("dev", (e) => (e.cache.snapshotWindow = "04:30-05:30"))).toEqual([
        'dev: cache.snapshotWindow must not overlap cache.maintenanceWindow (sun:04:00-sun:05:00), got "04:30-05:30"',
      ]);
    });
  });

  describe("backup", () => {
    it("keeps daily backups at least 35 days in prod", () => {
      expect(problemsWith("prod", (e) => (e.backup.dailyRetentionDays = 34))).toEqual(
        expect.arrayContaining(["prod: backup.dailyRetentionDays must be at least 35 in prod, got 34"]),
      );
    });

    it("keeps monthly backups at least 3 years in prod", () => {
      expect(problemsWith("prod", (e) => (e.backup.monthlyRetentionDays = 1094))).toEqual([
        "prod: backup.monthlyRetentionDays must be at least 1095 (3 years) in prod: notes are kept 3 years, got 1094",
      ]);
      expect(problemsWith("prod", (e) => delete e.backup.monthlyRetentionDays)).toEqual([
        expect.stringMatching(/^prod: backup.monthlyRetentionDays must be at least 1095 .*got nothing$/),
      ]);
    });

    it("requires a vault lock in prod", () => {
      expect(problemsWith("prod", (e) => delete e.backup.vaultLock)).toEqual([expect.stringMatching(/^prod: backup.vaultLock must be set in prod/)]);
    });

    it("allows the irreversible compliance lock only in prod", () => {
      expect(problemsWith("test", (e) => (e.backup.vaultLock.changeableForDays = 3))).toEqual([
        expect.stringMatching(/^test: backup.vaultLock.changeableForDays is only allowed in prod: .* got 3$/),
      ]);
    });

    it("rejects a lock that would make the plan's own jobs fail", () => {
      expect(problemsWith("prod", (e) => (e.backup.vaultLock.maxRetentionDays = 365))).toEqual([
        "prod: backup.vaultLock.maxRetentionDays must be at least the longest retention (1095 days), or those backup jobs fail, got 365",
      ]);
      expect(problemsWith("prod", (e) => (e.backup.vaultLock.minRetentionDays = 60))).toEqual([
        "prod: backup.vaultLock.minRetentionDays must be at most the shortest retention (35 days), or those backup jobs fail, got 60",
      ]);
    });
  });

  it("rejects an environment listed under another name", () => {
    expect(problemsWith("test", (e) => (e.name = "dev"))).toEqual(['test: name must be "test", the environment it is listed as, got "dev"']);
  });
});
