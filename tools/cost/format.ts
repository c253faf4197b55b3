/** The cost report and the cost diff (Infracost's PR-comment layout), as text. Pure. */
import { LineItem, StackEstimate, byResource, byTier } from "./estimate";
import { PRICES_AS_OF } from "./prices";

const usd = (n: number, digits = 2) => `$${n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
const signed = (n: number, digits = 2) => `${n < 0 ? "-" : "+"}${usd(Math.abs(n), digits)}`;
const quantity = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: n < 10 ? 2 : 0 });
const percent = (from: number, to: number) => (from === 0 ? (to === 0 ? "0%" : "+∞") : `${to >= from ? "+" : ""}${(((to - from) / from) * 100).toFixed(0)}%`);

export const DISCLAIMER =
  `An estimate, not a bill: AWS list prices of ${PRICES_AS_OF} (tools/cost/prices.ts, each with its pricing page) and the usage ` +
  "assumptions in tools/cost/usage.ts; no free tier, Savings Plans, reservations or tax.";

/** The report of `npm run cost`: totals per stack, then each stack by tier and resource, with line items. */
export function formatReport(estimates: readonly StackEstimate[], options: { lines?: boolean; notes?: boolean } = {}): string {
  const used = new Map(estimates.flatMap((e) => e.lines.map((l) => [`${l.region} ${l.priceKey}`, l.source] as const)));
  const stored = [...used.values()].filter((source) => source === "stored-page").length;
  const out: string[] = [
    `Monthly cost estimate (USD). ${DISCLAIMER}`,
    `Of the ${used.size} prices used, ${stored} ${stored === 1 ? "was" : "were"} read from stored copies of pricing pages, the others are list prices as known for 2025-2026 (each entry's source is in prices.ts).`,
    "",
  ];
  const width = Math.max(...estimates.map((e) => e.stack.length), 5);
  out.push(`${"stack".padEnd(width)}  ${"region".padEnd(12)}  ${"per month".padStart(12)}  top items`);
  for (const e of estimates) {
    const top = byResource(e)
      .slice(0, 3)
      .map((r) => `${r.address.split(".")[0].replace(/^aws_/, "")} ${usd(r.usd, 0)}`)
      .join(", ");
    out.push(`${e.stack.padEnd(width)}  ${e.region.padEnd(12)}  ${usd(e.totalUsd).padStart(12)}  ${top}`);
  }
  for (const e of estimates) {
    out.push("", `== ${e.stack} (${e.region}): ${usd(e.totalUsd)} a month`);
    for (const t of byTier(e)) {
      out.push(`  ${t.tier.padEnd(14)} ${usd(t.usd).padStart(11)}`);
      if (options.lines === false) continue;
      for (const r of byResource(e).filter((r) => r.tier === t.tier)) {
        out.push(`    ${r.address}  ${usd(r.usd)}`);
        for (const l of e.lines.filter((l) => l.address === r.address)) out.push(`      ${describe(l)}`);
      }
    }
    if (options.notes !== false) for (const note of e.notes) out.push(`  note: ${note}`);
    for (const problem of e.problems) out.push(`  NOT PRICED: ${problem}`);
  }
  return `${out.join("\n")}\n`;
}

function describe(l: LineItem): string {
  const what = l.detail ? `${l.item} (${l.detail})` : l.item;
  const where = l.region === "eu-central-1" ? "" : ` [${l.region}]`;
  return `${what}${where}: ${quantity(l.quantity)} ${l.unit} x ${usd(l.unitUsd, l.unitUsd < 0.1 ? 5 : 2)} = ${usd(l.monthlyUsd)}`;
}

export interface ItemChange {
  readonly item: string;
  readonly from: number;
  readonly to: number;
  /** The lines' details before and after, e.g. the instance class: `db.r7g.large, ...`. */
  readonly fromDetail?: string;
  readonly toDetail?: string;
}

export interface ResourceChange {
  readonly address: string;
  readonly kind: "added" | "removed" | "changed";
  readonly from: number;
  readonly to: number;
  readonly items: ItemChange[];
}

export interface StackCostDiff {
  readonly stack: string;
  readonly from: number;
  readonly to: number;
  /** Largest change first. */
  readonly resources: ResourceChange[];
}

const sum = (lines: readonly LineItem[]) => lines.reduce((s, l) => s + l.monthlyUsd, 0);
const moved = (a: number, b: number) => Math.abs(a - b) >= 0.005;

/** The change per stack between two sets of estimates, resource by resource and item by item. */
export function diffEstimates(baseline: readonly StackEstimate[], next: readonly StackEstimate[]): StackCostDiff[] {
  const stacks = [...new Set([...baseline.map((e) => e.stack), ...next.map((e) => e.stack)])];
  return stacks.map((stack) => {
    const before = baseline.find((e) => e.stack === stack)?.lines ?? [];
    const after = next.find((e) => e.stack === stack)?.lines ?? [];
    const addresses = [...new Set([...before, ...after].map((l) => l.address))];
    const resources = addresses
      .map((address): ResourceChange => {
        const b = before.filter((l) => l.address === address);
        const a = after.filter((l) => l.address === address);
        const labels = [...new Set([...b, ...a].map((l) => l.item))];
        const items = labels
          .map((item) => {
            const was = b.filter((l) => l.item === item);
            const is = a.filter((l) => l.item === item);
            return { item, from: sum(was), to: sum(is), fromDetail: was[0]?.detail, toDetail: is[0]?.detail };
          })
          .filter((i) => moved(i.from, i.to));
        return { address, kind: b.length === 0 ? "added" : a.length === 0 ? "removed" : "changed", from: sum(b), to: sum(a), items };
      })
      .filter((r) => moved(r.from, r.to))
      .sort((x, y) => Math.abs(y.to - y.from) - Math.abs(x.to - x.from));
    return { stack, from: sum(before), to: sum(after), resources };
  });
}

const MARK = { added: "+", removed: "-", changed: "~" } as const;

/**
 * The diff as a pull-request comment in Infracost's layout: a headline, a table of changed projects
 * (baseline, change, new monthly cost), then per project the resources that moved it, as
 * `infracost diff` prints them.
 */
export function formatDiff(diffs: readonly StackCostDiff[], baseRef: string): string {
  const changed = diffs.filter((d) => moved(d.from, d.to));
  const total = changed.reduce((s, d) => s + d.to - d.from, 0);
  const headline =
    changed.length === 0
      ? "Monthly estimate unchanged"
      : `Monthly estimate ${total >= 0 ? "increased" : "decreased"} by ${usd(Math.abs(total), 0)} ${total >= 0 ? "📈" : "📉"}`;
  const out = [`##### 💰 Cost estimate against ${baseRef}`, "", `###### ${headline}`, ""];
  if (changed.length) {
    out.push("| **Changed project** | **Baseline cost** | **Total change** | **New monthly cost** |", "| ----- | ----- | ----- | ----- |");
    for (const d of changed) out.push(`| ${d.stack} | ${usd(d.from, 0)} | ${signed(d.to - d.from, 0)} (${percent(d.from, d.to)}) | ${usd(d.to, 0)} |`);
    out.push("");
  }
  const unchanged = diffs.length - changed.length;
  if (unchanged) out.push(`${unchanged} project${unchanged === 1 ? " has" : "s have"} no cost estimate changes.`, "");
  if (changed.length) {
    out.push("<details><summary>Cost details</summary>", "", "```");
    for (const d of changed) {
      out.push("──────────────────────────────────", `Project: ${d.stack}`, "");
      for (const r of d.resources) {
        out.push(`${MARK[r.kind]} ${r.address}`, `  ${signed(r.to - r.from)}${r.kind === "changed" ? ` (${usd(r.from)} → ${usd(r.to)})` : ""}`, "");
        if (r.kind === "changed") {
          for (const i of r.items) {
            const label = i.fromDetail && i.toDetail && i.fromDetail !== i.toDetail ? `${i.item} (${i.fromDetail} → ${i.toDetail})` : i.item;
            out.push(`    ~ ${label}`, `      ${signed(i.to - i.from)} (${usd(i.from)} → ${usd(i.to)})`, "");
          }
        }
      }
      out.push(
        `Monthly cost change for ${d.stack}`,
        `Amount:  ${signed(d.to - d.from)} (${usd(d.from)} → ${usd(d.to)})`,
        `Percent: ${percent(d.from, d.to)}`,
        "",
      );
    }
    out.push("```", "</details>", "");
  }
  out.push(`*${DISCLAIMER}*`);
  return `${out.join("\n")}\n`;
}
