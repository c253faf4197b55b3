/** Finds secret-looking values in a synthesized stack: what must only ever be a reference. */

const SECRET_KEYS = /(^|_)(password|passwd|auth_token|secret_string|secret_key|access_key|private_key|token)$/i;
const SECRET_VALUES: [string, RegExp][] = [
  ["AWS access key id", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["GitHub token", /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ["Slack token", /\bxox[abpr]-[A-Za-z0-9-]{10,}/],
  ["password in a URL", /[a-z]+:\/\/[^/\s:@]+:[^/\s@]+@/i],
];

export interface SecretFinding {
  readonly path: string;
  readonly reason: string;
}

/** Every literal value under a secret-like key, and every string matching a known secret format. */
export function findSecrets(value: unknown, path = ""): SecretFinding[] {
  if (typeof value === "string") {
    return SECRET_VALUES.filter(([, pattern]) => pattern.test(value)).map(([reason]) => ({ path, reason }));
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findSecrets(v, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const here = path ? `${path}.${key}` : key;
    const literal = typeof v === "string" && !v.startsWith("${") && v !== "";
    const own = SECRET_KEYS.test(key) && literal ? [{ path: here, reason: `literal value under "${key}"` }] : [];
    return [...own, ...findSecrets(v, here)];
  });
}
