/**
 * Maintenance and backup windows as AWS writes them, in UTC: weekly `ddd:hh24:mi-ddd:hh24:mi`
 * (RDS and ElastiCache maintenance) and daily `hh24:mi-hh24:mi` (RDS backup, ElastiCache snapshot).
 * Days are lowercase because that is how RDS reports them: another case would show as drift.
 */

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const TIME = "([01]\\d|2[0-3]):([0-5]\\d)";
const DAY = `(${DAYS.join("|")})`;

export const WEEKLY_WINDOW = new RegExp(`^${DAY}:${TIME}-${DAY}:${TIME}$`);
export const DAILY_WINDOW = new RegExp(`^${TIME}-${TIME}$`);

const WEEK = 7 * 24 * 60;
const DAY_MINUTES = 24 * 60;

/** A window as [start, end) in minutes from Monday 00:00; `end` may pass the end of the week. */
type Interval = readonly [number, number];

function minutes(hh: string, mi: string): number {
  return Number(hh) * 60 + Number(mi);
}

/** The weekly window's interval, or undefined if it is not in the weekly format. */
export function weeklyInterval(window: string): Interval | undefined {
  const m = WEEKLY_WINDOW.exec(window);
  if (!m) return undefined;
  const start = DAYS.indexOf(m[1] as (typeof DAYS)[number]) * DAY_MINUTES + minutes(m[2], m[3]);
  let end = DAYS.indexOf(m[4] as (typeof DAYS)[number]) * DAY_MINUTES + minutes(m[5], m[6]);
  if (end <= start) end += WEEK;
  return [start, end];
}

/** The daily window's seven intervals in a week, or undefined if it is not in the daily format. */
export function dailyIntervals(window: string): Interval[] | undefined {
  const m = DAILY_WINDOW.exec(window);
  if (!m) return undefined;
  const start = minutes(m[1], m[2]);
  let end = minutes(m[3], m[4]);
  if (end <= start) end += DAY_MINUTES;
  return DAYS.map((_, d) => [d * DAY_MINUTES + start, d * DAY_MINUTES + end] as const);
}

export function durationMinutes(interval: Interval): number {
  return interval[1] - interval[0];
}

/** Whether any interval of `a` overlaps any of `b`, counting windows that wrap past Sunday. */
export function overlaps(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.some(([s1, e1]) => b.some(([s2, e2]) => [-WEEK, 0, WEEK].some((shift) => s1 < e2 + shift && s2 + shift < e1)));
}
