/**
 * The reviewed list of policy exceptions. Each names the rule, the stacks and the construct path
 * (cdktf's `//.metadata.path`, `*` matching one path segment) and says why. An exception can also
 * live on the resource itself, under `//.suppressions` (see suppressionsOf in pack.ts).
 */
export interface Suppression {
  readonly id: string;
  /** Construct path pattern, e.g. `ci-*\/ci-access/apply-policy`. */
  readonly path: string;
  readonly reason: string;
}

export const SUPPRESSIONS: readonly Suppression[] = [
  {
    id: "NP-IAM-1",
    path: "ci-*/ci-access/apply-policy",
    reason:
      "the environment account's ci-apply role applies the stacks, which create IAM roles and resources of most services; only the state account's ci-apply (itself bounded, behind GitHub environment reviewers) can assume it",
  },
  {
    id: "NP-IAM-1",
    path: "bootstrap/github/apply-permissions",
    reason:
      "the state account's ci-apply role applies every stack; it runs within the permissions boundary that denies changing the CI's own access and destroying the state, and only from main and the reviewed GitHub environments",
  },
];
