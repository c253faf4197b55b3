/** Small synthesized stacks for the policy rules' tests. */
import { Plan } from "../../../tools/policy/plan";

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

export interface FixtureOptions {
  readonly environment?: string;
  readonly resource?: Blocks;
  readonly data?: Blocks;
  readonly providers?: Record<string, unknown>[];
}

export function plan(options: FixtureOptions): Plan {
  const providers = options.providers ?? [
    { region: "eu-central-1", allowed_account_ids: ["111111111111"], default_tags: [{ tags: { Environment: options.environment ?? "prod" } }] },
    { alias: "dr", region: "eu-west-1", allowed_account_ids: ["111111111111"] },
  ];
  return new Plan("main", JSON.parse(JSON.stringify({ provider: { aws: providers }, resource: options.resource ?? {}, data: options.data ?? {} })));
}

export const key = { aws_kms_key: { k: { enable_key_rotation: true } } };

/** A policy document that denies `action` without TLS. */
export const tlsDeny = (action: string, resources: string[]) => ({
  statement: [
    {
      sid: "DenyInsecureTransport",
      effect: "Deny",
      actions: [action],
      principals: [{ type: "*", identifiers: ["*"] }],
      resources,
      condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
    },
  ],
});
