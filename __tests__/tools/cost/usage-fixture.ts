import { USAGE, UsageInput, usageFor } from "../../../tools/cost/usage";

/** The dev assumptions with round numbers where a test computes the expected figure. */
export const usageInput: UsageInput = {
  ...USAGE.dev,
  app: { peakShare: 0 },
  network: { natGb: 100, endpointGb: 0 },
  traffic: { requestsPerMonth: 1_000_000, transferOutGb: 10, requestsPerConnection: 10 },
  database: { usedGb: 10, dailyChange: 0.1, monthlyChange: 0.5, ioMillions: 0 },
};

export const usage = usageFor("dev", { dev: usageInput });
