import { Block, Plan } from "../plan";
import { Rule, RuleResult, judge, notApplicable } from "../rule";

/** AWS managed policies that amount to `*` on `*`. */
const ADMIN_POLICIES = new Set([
  "arn:aws:iam::aws:policy/AdministratorAccess",
  "arn:aws:iam::aws:policy/PowerUserAccess",
  "arn:aws:iam::aws:policy/IAMFullAccess",
]);
const WILDCARD_ACTION = /^(\*|[a-z0-9-]+:\*)$/;

/** Identity policies: inline role policies and managed policies (statements without principals). */
const POLICY_HOLDERS = ["aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy"];

function wildcardGrants(plan: Plan, holder: Block): string[] {
  return (plan.statements(holder.body.policy) ?? [])
    .filter((s) => s.effect === "Allow" && s.principals.length === 0 && s.resources.includes("*"))
    .flatMap((s) => s.actions.filter((a) => WILDCARD_ACTION.test(a)).map((a) => `${s.sid ? `statement ${s.sid}` : "a statement"} allows ${a} on *`));
}

export const NP_IAM_1: Rule = {
  id: "NP-IAM-1",
  level: "error",
  message: "No identity policy allows every action of a service (`*`, `svc:*`) on every resource",
  explanation:
    "`svc:*` on `*` grants today's and tomorrow's actions on every resource of the account; each role here needs a few actions on its own resources, so a narrower grant always exists.",
  fix: "list the actions the role uses and scope them to the resources it owns (the resource's typed handle gives its ARN)",
  check(plan: Plan): RuleResult[] {
    const boundaries = new Set(plan.resources("aws_iam_role").flatMap((r) => plan.references(r.body.permissions_boundary)));
    const attached = new Set(
      ["aws_iam_role_policy_attachment", "aws_iam_policy_attachment"]
        .flatMap((type) => plan.resources(type))
        .flatMap((a) => plan.references(a.body.policy_arn)),
    );
    const holders = POLICY_HOLDERS.flatMap((type) => plan.resources(type)).map((h) =>
      // A permissions boundary only caps what a role's own policies grant; it grants nothing itself.
      boundaries.has(h.address) && !attached.has(h.address) ? notApplicable(h.address) : judge(h.address, wildcardGrants(plan, h)),
    );
    const attachments = ["aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment"]
      .flatMap((type) => plan.resources(type))
      .map((a) =>
        judge(a.address, [typeof a.body.policy_arn === "string" && ADMIN_POLICIES.has(a.body.policy_arn) ? `attaches ${a.body.policy_arn}` : undefined]),
      );
    return [...holders, ...attachments];
  },
};
