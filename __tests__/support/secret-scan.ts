/** Finds credentials written in plain text in a synthesized stack: they may only ever be references. */

/** Arguments that would hold a credential; in a stack they may only be switches (true/false). */
const CREDENTIAL_KEY = /(^|_)(password|passwords|passwd|auth_token|token|secret_string|secret_key|access_key|private_key)($|_)/i;
/** Values that look like credentials whatever their key. */
const CREDENTIAL_VALUES: [string, RegExp][] = [
  ["AWS access key id", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["GitHub token", /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ["Slack token", /\bxox[abpr]-[A-Za-z0-9-]{10,}/],
  ["password in a URL", /[a-z]+:\/\/[^/\s:@]+:[^/\s@]+@/i],
  ["random-looking token", /^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[A-Za-z0-9+/=]{24,}$/],
];

export interface SecretFinding {
  readonly path: string;
  readonly reason: string;
}

/** Every value under a credential-like key (references too: they would land in state), and every string in a credential format. */
export function findSecrets(value: unknown, path = ""): SecretFinding[] {
  if (typeof value === "string") {
    return CREDENTIAL_VALUES.filter(([, pattern]) => pattern.test(value)).map(([reason]) => ({ path, reason }));
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findSecrets(v, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const here = path ? `${path}.${key}` : key;
    if (CREDENTIAL_KEY.test(key) && typeof v !== "boolean") return [{ path: here, reason: `value under "${key}"` }];
    return findSecrets(v, here);
  });
}
