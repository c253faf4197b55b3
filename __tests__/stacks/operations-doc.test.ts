import { readFileSync } from "node:fs";
import { join } from "node:path";
import { environments } from "../../environments";
import { DataTier } from "../../src/tiers/data/data-tier";
import { NetworkTier } from "../../src/tiers/network/network-tier";
import { synthesizedStack } from "../support/synthesized";
import { synthTiers } from "../support/tiers";

/** The alarms the stacks create, against the alarm table of docs/operations.md (the plan rules live in tools/policy). */
const stacks = Object.keys(environments).map((name) => [name, JSON.parse(synthesizedStack(name))] as const);
const all = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});
describe("docs/operations.md", () => {
  /** The alarms' names without `<project>-<env>-`, numbered ones (`cache-cpu-2`) and the audit ones as the table writes them. */
  const documentedForm = (name: string) =>
    name
      .replace(/^notes-[a-z]+(\$\{local\.workspace_suffix\})?-/, "")
      .replace(/^(cache-[a-z]+)-\d+$/, "$1-N")
      .replace(/^audit-.*$/, "audit-*");
  const alarms = (json: any) => [...all(json, "aws_cloudwatch_metric_alarm"), ...all(json, "aws_cloudwatch_composite_alarm")];
  const alarmNames = (json: any) => alarms(json).map((a) => a.alarm_name);
  // Aurora replaces the storage alarm with one on replica lag: the examples run RDS, so add an Aurora data tier.
  const aurora = synthTiers("prod", (scope, context, config) => {
    const network = new NetworkTier(scope, "network", { context, config: config.network });
    const database = { ...config.database, engine: "aurora-postgresql" as const, engineVersion: "16.6", readers: { min: 1, max: 3, targetCpuPercent: 60 } };
    new DataTier(scope, "data", { context, config: { ...config, database }, network });
  });
  const created = new Set([...stacks.flatMap(([, json]) => alarmNames(json)), ...alarmNames(JSON.parse(aurora))].map(documentedForm));

  const page = readFileSync(join(__dirname, "../../docs/operations.md"), "utf8");
  const table = page.slice(page.indexOf("## The alarms"), page.indexOf("\n## ", page.indexOf("## The alarms") + 1));
  const documented = new Set(
    table
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .flatMap((line) => [...line.split("|")[1].matchAll(/`([^`]+)`/g)].map((m) => m[1])),
  );

  it("finds the alarm table", () => {
    expect(documented.size).toBeGreaterThan(15);
  });

  it("documents every alarm the stacks create", () => {
    expect([...created].filter((name) => !documented.has(name))).toEqual([]);
  });

  it("says for every alarm what happens to it during a deployment", () => {
    const rows = table.split("\n").filter((line) => line.startsWith("|"));
    expect(rows[0].split("|").map((c) => c.trim())).toEqual([
      "",
      "alarm (`<project>-<env>-…`)",
      "means",
      "during a deployment",
      "before the first release",
      "first steps",
      "",
    ]);
    for (const row of rows.filter((line) => line.startsWith("| `") || line.startsWith("| events"))) expect(row.split("|")[3].trim().length).toBeGreaterThan(8);
  });

  it("says for every alarm what it does before the first release", () => {
    const rows = table.split("\n").filter((line) => line.startsWith("| `") || line.startsWith("| events"));
    for (const row of rows) expect(row.split("|")[4].trim().length).toBeGreaterThan(8);
  });

  it("says that the alarms whose actions wait for the first release do", () => {
    const waiting = new Set(stacks.flatMap(([, json]) => alarms(json).filter((a) => a.actions_enabled !== undefined)).map((a) => documentedForm(a.alarm_name)));
    const rows = table.split("\n").filter((line) => line.startsWith("| `"));
    const saysOff = (name: string) =>
      rows
        .find((row) => row.split("|")[1].includes(`\`${name}\``))
        ?.split("|")[4]
        .includes("actions off until the first release");
    expect([...waiting].filter((name) => !saysOff(name))).toEqual([]);
    expect(waiting.size).toBeGreaterThan(5);
  });

  it("names the rollback alarms, which are metric alarms, where it explains releases", () => {
    const releases = page.slice(page.indexOf("## Releases"));
    expect(releases).toContain("`app-5xx-rate` and `app-unhealthy-targets` themselves");
  });

  it("documents no alarm the stacks do not create", () => {
    expect([...documented].filter((name) => !created.has(name))).toEqual([]);
  });
});
