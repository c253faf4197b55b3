import { averageFloor, placeTasks, taskHours, weeklyTimes } from "../../../tools/cost/scaling";

const BUSINESS_HOURS = [
  { schedule: "cron(0 7 ? * MON-FRI *)", minCapacity: 6 },
  { schedule: "cron(0 20 ? * MON-FRI *)", minCapacity: 3 },
];

describe("weeklyTimes", () => {
  it("fires once per listed day at the cron's hour and minute", () => {
    expect(weeklyTimes("cron(30 7 ? * MON-FRI *)")).toEqual([1, 2, 3, 4, 5].map((d) => d * 1440 + 7 * 60 + 30));
  });

  it("reads numbered days (1 = Sunday) and lists", () => {
    expect(weeklyTimes("cron(0 0 ? * 1,7 *)")).toEqual([0, 6 * 1440]);
  });

  it("refuses a schedule that is not weekly", () => {
    expect(() => weeklyTimes("cron(0 5 1 * ? *)")).toThrow(/only weekly schedules/);
  });
});

describe("averageFloor", () => {
  it("is the minimum without scheduled actions", () => {
    expect(averageFloor(3, []).average).toBe(3);
  });

  it("raises the floor for the business hours only: 13 h on 5 of 168 weekly hours", () => {
    expect(averageFloor(3, BUSINESS_HOURS).average).toBeCloseTo(3 + (3 * 65) / 168, 10);
  });

  it("moves with the schedule: ending at 18:00 keeps 10 fewer hours a week at 6", () => {
    const shorter = [BUSINESS_HOURS[0], { ...BUSINESS_HOURS[1], schedule: "cron(0 18 ? * MON-FRI *)" }];
    expect(averageFloor(3, BUSINESS_HOURS).average - averageFloor(3, shorter).average).toBeCloseTo((3 * 10) / 168, 10);
  });
});

describe("placeTasks", () => {
  it("fills the base first, then splits the rest by weight", () => {
    const strategy = [
      { capacityProvider: "FARGATE", base: 3, weight: 1 },
      { capacityProvider: "FARGATE_SPOT", base: 0, weight: 1 },
    ];
    expect(placeTasks(3, strategy)).toEqual({ FARGATE: 3, FARGATE_SPOT: 0 });
    expect(placeTasks(12, strategy)).toEqual({ FARGATE: 7.5, FARGATE_SPOT: 4.5 });
  });

  it("gives Spot three quarters with weights 1:3 and no base", () => {
    expect(
      placeTasks(4, [
        { capacityProvider: "FARGATE", base: 0, weight: 1 },
        { capacityProvider: "FARGATE_SPOT", base: 0, weight: 3 },
      ]),
    ).toEqual({ FARGATE: 1, FARGATE_SPOT: 3 });
  });
});

describe("taskHours", () => {
  const strategy = [{ capacityProvider: "FARGATE", base: 0, weight: 1 }];

  it("is the floor's average times the month's hours without a peak", () => {
    expect(taskHours({ minimum: 2, actions: [], peakShare: 0, peakTasks: 8, strategy, hoursPerMonth: 730 }).total).toBe(1460);
  });

  it("runs the peak tasks for the peak share of the hours", () => {
    const hours = taskHours({ minimum: 2, actions: [], peakShare: 0.1, peakTasks: 8, strategy, hoursPerMonth: 730 });
    expect(hours.total).toBeCloseTo(2 * 730 * 0.9 + 8 * 730 * 0.1, 10);
  });
});
