/**
 * Task-hours from a plan's own scaling: the floor the scaling target sets (its minimum), raised and
 * lowered by scheduled actions (their cron days and hours, in their timezone), plus an assumed peak
 * share at the maximum; then split between capacity providers as ECS places tasks (the base first,
 * the rest by weight).
 */

const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const WEEK_MINUTES = 7 * 24 * 60;

export interface ScheduledFloor {
  /** `cron(M H ? * DAYS *)` as Application Auto Scaling takes it. */
  readonly schedule: string;
  readonly minCapacity: number;
  readonly timezone?: string;
}

/** The days of a cron day-of-week field (`MON-FRI`, `SAT,SUN`, `*`, `2-6`) as 0 (Sunday) .. 6. */
function cronDays(field: string): number[] {
  if (field === "*" || field === "?") return [0, 1, 2, 3, 4, 5, 6];
  const day = (text: string) => {
    const named = DAYS.indexOf(text.toUpperCase());
    // Numeric days in AWS cron: 1 = Sunday .. 7 = Saturday.
    const index = named >= 0 ? named : Number(text) - 1;
    if (!(index >= 0 && index <= 6)) throw new Error(`unknown day ${text}`);
    return index;
  };
  const days = new Set<number>();
  for (const part of field.split(",")) {
    const [from, to] = part.split("-");
    if (to === undefined) days.add(day(from));
    else
      for (let d = day(from); ; d = (d + 1) % 7) {
        days.add(d);
        if (d === day(to)) break;
      }
  }
  return [...days].sort();
}

/** The minutes of the week (local time) at which `schedule` fires. */
export function weeklyTimes(schedule: string): number[] {
  const match = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+)(?: (\S+))?\)$/.exec(schedule.trim());
  if (!match) throw new Error(`${schedule} is not a cron() schedule`);
  const [, minute, hour, dayOfMonth, month, dayOfWeek] = match;
  if (![dayOfMonth, month].every((f) => f === "*" || f === "?"))
    throw new Error(`${schedule}: only weekly schedules (day of month and month * or ?) are priced`);
  const minutes = minute.split(",").map(Number);
  const hours = hour === "*" ? [...Array(24).keys()] : hour.split(",").map(Number);
  if ([...minutes, ...hours].some((n) => !Number.isInteger(n))) throw new Error(`${schedule}: minutes and hours must be plain numbers`);
  return cronDays(dayOfWeek)
    .flatMap((d) => hours.flatMap((h) => minutes.map((m) => d * 1440 + h * 60 + m)))
    .sort((a, b) => a - b);
}

/**
 * Average tasks over a week: `minimum` until the first scheduled action, then each action's floor
 * until the next, round the week (the last action of the week holds until the first one).
 * Local time throughout: a week has as many hours in Berlin as in UTC.
 */
export function averageFloor(minimum: number, actions: readonly ScheduledFloor[]): { average: number; segments: { tasks: number; share: number }[] } {
  const events = actions.flatMap((a) => weeklyTimes(a.schedule).map((at) => ({ at, tasks: Math.max(a.minCapacity, 0) }))).sort((a, b) => a.at - b.at);
  if (events.length === 0) return { average: minimum, segments: [{ tasks: minimum, share: 1 }] };
  const byTasks = new Map<number, number>();
  events.forEach((event, i) => {
    const next = i + 1 < events.length ? events[i + 1].at : events[0].at + WEEK_MINUTES;
    byTasks.set(event.tasks, (byTasks.get(event.tasks) ?? 0) + (next - event.at) / WEEK_MINUTES);
  });
  const segments = [...byTasks].map(([tasks, s]) => ({ tasks, share: s })).sort((a, b) => a.tasks - b.tasks);
  return { average: segments.reduce((sum, s) => sum + s.tasks * s.share, 0), segments };
}

export interface StrategyItem {
  readonly capacityProvider: string;
  readonly base: number;
  readonly weight: number;
}

/** How ECS places `tasks` on a capacity provider strategy: bases first, the rest by weight. */
export function placeTasks(tasks: number, strategy: readonly StrategyItem[]): Record<string, number> {
  const placed: Record<string, number> = Object.fromEntries(strategy.map((s) => [s.capacityProvider, 0]));
  let left = tasks;
  for (const s of strategy) {
    const onBase = Math.min(left, s.base);
    placed[s.capacityProvider] += onBase;
    left -= onBase;
  }
  const weights = strategy.reduce((sum, s) => sum + s.weight, 0);
  if (left > 0 && weights > 0) for (const s of strategy) placed[s.capacityProvider] += (left * s.weight) / weights;
  else if (left > 0 && strategy.length > 0) placed[strategy[0].capacityProvider] += left;
  return placed;
}

export interface TaskHours {
  /** Task-hours per month by capacity provider. */
  readonly byProvider: Record<string, number>;
  readonly total: number;
  /** The floor's average over a week, before the peak. */
  readonly averageFloor: number;
}

/**
 * Task-hours per month: the floor's segments for (1 - peakShare) of the hours, `peakTasks` for the
 * rest, each placed on the strategy.
 */
export function taskHours(options: {
  readonly minimum: number;
  readonly actions: readonly ScheduledFloor[];
  readonly peakShare: number;
  readonly peakTasks: number;
  readonly strategy: readonly StrategyItem[];
  readonly hoursPerMonth: number;
}): TaskHours {
  const floor = averageFloor(options.minimum, options.actions);
  const byProvider: Record<string, number> = {};
  const add = (tasks: number, hours: number) => {
    for (const [provider, n] of Object.entries(placeTasks(tasks, options.strategy))) byProvider[provider] = (byProvider[provider] ?? 0) + n * hours;
  };
  for (const s of floor.segments) add(s.tasks, s.share * (1 - options.peakShare) * options.hoursPerMonth);
  if (options.peakShare > 0) add(Math.max(options.peakTasks, options.minimum), options.peakShare * options.hoursPerMonth);
  const total = Object.values(byProvider).reduce((a, b) => a + b, 0);
  return { byProvider, total, averageFloor: floor.average };
}
