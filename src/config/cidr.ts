/** IPv4 CIDR arithmetic, enough to carve subnets deterministically at synth time. */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d/p` with p in 16..28 (what a VPC accepts); undefined if invalid or not a network address. */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix < 16 || prefix > 28) return undefined;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (base % cidrSize(prefix) !== 0) return undefined;
  return { base, prefix };
}

export function cidrSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

export function formatCidr({ base, prefix }: Cidr): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256);
  return `${octets.join(".")}/${prefix}`;
}

/**
 * Carves consecutive blocks of the given prefixes out of `parent`, each aligned to its own size
 * (like Terraform's cidrsubnets). Throws if they do not fit: callers validate the layout first.
 */
export function carve(parent: Cidr, prefixes: readonly number[]): Cidr[] {
  let next = parent.base;
  const end = parent.base + cidrSize(parent.prefix);
  return prefixes.map((prefix) => {
    const size = cidrSize(prefix);
    next = Math.ceil(next / size) * size;
    if (prefix < parent.prefix || next + size > end) {
      throw new Error(`/${prefix} does not fit in ${formatCidr(parent)}`);
    }
    const block = { base: next, prefix };
    next += size;
    return block;
  });
}
