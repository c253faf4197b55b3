/**
 * The one shape every plan check reports in (the policy pack, `npm run validate`): a rule id, a
 * level, where (stack, Terraform address, attribute path), what is wrong and how to fix it.
 */
export type Level = "error" | "warning";

export interface Finding {
  /** Rule id, e.g. `NP-S3-1` (policy pack) or `VAL-SCHEMA` (validate). */
  readonly id: string;
  readonly level: Level;
  readonly stack: string;
  /** Terraform address of the block: `aws_vpc.main`, `data.aws_x.y`, `provider.aws`... */
  readonly address: string;
  /** Attribute path inside the block, e.g. `ingress[0].from_port`; `-` for the block as a whole. */
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

/** `<level> <id> <stack> <address> <path>: <message>; fix: <fix>` */
export function formatFinding(f: Finding): string {
  return `${f.level} ${f.id} ${f.stack} ${f.address} ${f.path || "-"}: ${f.message}; fix: ${f.fix}`;
}
