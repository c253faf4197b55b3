import { Json, Plan, isObject } from "../plan";
import { Rule, RuleResult, compliant, nonCompliant } from "../rule";

/** Arguments that would hold a credential; in a stack they may only be switches (true/false). */
const CREDENTIAL_KEY = /(^|_)(password|passwords|passwd|auth_token|token|secret_string|secret_key|access_key|private_key)($|_)/i;
/** Values that look like credentials whatever their key. */
const CREDENTIAL_VALUES: [string, RegExp][] = [
  ["AWS access key id", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["GitHub token", /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ["Slack token", /\bxox[abpr]-[A-Za-z0-9-]{10,}/],
  ["password in a URL", /[a-z]+:\/\/[^/\s:@]+:[^/\s@]+@/i],
];
/** One cheap pass that every credential format above needs to match (synth runs this on every string). */
const MAYBE_CREDENTIAL = /AKIA|ASIA|-----BEGIN|gh[pousr]_|xox[abpr]-|:\/\//;
const TOKEN = /^[A-Za-z0-9+/=]{24,}$/;
const looksRandom = (s: string) => TOKEN.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s);

export interface SecretFinding {
  readonly path: string;
  readonly reason: string;
}

/** Every value under a credential-like key (references too: they would land in state), and every string in a credential format. */
export function findSecrets(value: Json | undefined, path = ""): SecretFinding[] {
  if (typeof value === "string") {
    const found = MAYBE_CREDENTIAL.test(value) ? CREDENTIAL_VALUES.filter(([, pattern]) => pattern.test(value)).map(([reason]) => ({ path, reason })) : [];
    return looksRandom(value) ? [...found, { path, reason: "random-looking token" }] : found;
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findSecrets(v, `${path}[${i}]`));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    if (key === "//") return [];
    const here = path ? `${path}.${key}` : key;
    if (CREDENTIAL_KEY.test(key) && typeof v !== "boolean") return [{ path: here, reason: `value under "${key}"` }];
    return findSecrets(v, here);
  });
}

/** The top-level blocks of a stack by address: resources and data by type and name, the others by name. */
function blocks(json: Plan["json"]): [string, Json][] {
  return Object.entries(json).flatMap(([section, content]): [string, Json][] => {
    if (section === "//" || !isObject(content)) return [];
    if (section === "resource" || section === "data") {
      const prefix = section === "data" ? "data." : "";
      return Object.entries(content).flatMap(([type, named]) =>
        isObject(named) ? Object.entries(named).map(([name, body]): [string, Json] => [`${prefix}${type}.${name}`, body]) : [],
      );
    }
    return Object.entries(content).map(([name, body]): [string, Json] => [`${section}.${name}`, body]);
  });
}

export const NP_SEC_1: Rule = {
  id: "NP-SEC-1",
  level: "error",
  message: "No credential is written in the plan: not as an argument, not in any string",
  explanation:
    "Everything in cdk.tf.json lands in git, in plan comments and in the state; credentials belong in Secrets Manager (RDS-managed passwords, IAM auth), referenced by ARN.",
  fix: "manage the credential outside the plan (manage_master_user_password, IAM authentication, a Secrets Manager ARN in app.secrets)",
  check(plan: Plan): RuleResult[] {
    return blocks(plan.json).flatMap(([address, body]) => {
      const found = findSecrets(body);
      return found.length ? found.map((f) => nonCompliant(address, f.reason, f.path)) : [compliant(address)];
    });
  },
};
