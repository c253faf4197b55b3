/**
 * Stateful resources whose address may disappear without a `moved` block: each a reviewed decision
 * to let terraform destroy the resource and its data, with the reason. Used by the address guard in
 * inventory.test.ts; once `npm test -- -u` has dropped an address from stateful-addresses.txt its
 * entry here is history and may be deleted.
 */
export interface StatefulAllowance {
  /** The stack (environment, bootstrap or ci-<environment>). */
  readonly stack: string;
  /** The address that goes away, e.g. `aws_db_instance.database_instance_D7FC2283`. */
  readonly address: string;
  /** Why destroying it is acceptable (nothing deployed yet, data moved elsewhere, ...). */
  readonly reason: string;
}

export const STATEFUL_ALLOWANCES: readonly StatefulAllowance[] = [];
