/**
 * Reads a task or host count that waits for the app's first release, as `onceReleased` (app-service.ts)
 * writes it into the plan: `${<released> ? N : 0}`. The tools that read plans (cost, diagram) take
 * N, the count the service runs at once released. No cdktf here: the tools load this on their own.
 */
export function releasedCount(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const once = /^\$\{.+ \? (\d+) : 0\}$/.exec(value);
  if (once) return Number(once[1]);
  const n = Number(value);
  return value !== "" && Number.isFinite(n) ? n : undefined;
}
