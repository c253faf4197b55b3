/** Shared by the TLS-only rules: does a policy deny every request sent without TLS? */
import { Statement } from "../plan";

export function deniesInsecureTransport(statements: readonly Statement[], action: RegExp): boolean {
  return statements.some(
    (s) =>
      s.effect === "Deny" &&
      s.principals.includes("*") &&
      s.actions.some((a) => action.test(a)) &&
      s.conditions.some((c) => c.test === "Bool" && c.variable === "aws:SecureTransport" && c.values.includes("false")),
  );
}
