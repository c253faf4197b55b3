import { z } from "zod";
import { parseCidr } from "./cidr";

export const AWS_REGION = /^(us|eu|ap|sa|ca|me|af|il|mx)-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d$/;
export const region = z.string().regex(AWS_REGION, "must be an AWS region code such as eu-central-1");
export const between = (min: number, max: number) =>
  z
    .number()
    .int(`must be a whole number between ${min} and ${max}`)
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);

/** Retention periods CloudWatch Logs accepts (PutRetentionPolicy); anything else fails at apply. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
export const logRetention = z.number().refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), `must be one of ${LOG_RETENTION_DAYS.join(", ")}`);

export const cidr = z.string().refine((c) => parseCidr(c) !== undefined, "must be an IPv4 CIDR such as 10.0.0.0/16 (network address, prefix /16 to /28)");

export const domainName = z
  .string()
  .max(253, "must be at most 253 characters")
  .regex(/^(?!-)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, "must be a lowercase DNS name such as dev.notes.example.com");
