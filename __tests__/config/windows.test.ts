import { dailyIntervals, durationMinutes, overlaps, weeklyInterval } from "../../src/config/windows";

describe("maintenance and backup windows", () => {
  it("reads a weekly window as minutes from Monday", () => {
    expect(weeklyInterval("mon:00:30-mon:01:00")).toEqual([30, 60]);
    expect(weeklyInterval("Mon:00:30-Mon:01:00")).toBeUndefined();
  });

  it("measures windows that cross midnight or the end of the week", () => {
    expect(durationMinutes(dailyIntervals("23:30-00:30")![0])).toBe(60);
    expect(durationMinutes(weeklyInterval("sun:23:00-mon:01:00")!)).toBe(120);
  });

  it("finds a daily window inside the weekly one on any day", () => {
    expect(overlaps(dailyIntervals("03:30-04:30")!, [weeklyInterval("wed:04:00-wed:05:00")!])).toBe(true);
    expect(overlaps(dailyIntervals("01:00-02:00")!, [weeklyInterval("wed:04:00-wed:05:00")!])).toBe(false);
  });

  it("finds overlaps across the end of the week", () => {
    expect(overlaps(dailyIntervals("00:00-00:30")!, [weeklyInterval("sun:23:30-mon:00:15")!])).toBe(true);
    expect(overlaps(dailyIntervals("23:45-00:15")!, [weeklyInterval("mon:00:10-mon:01:00")!])).toBe(true);
  });
});
