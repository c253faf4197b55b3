import { exampleConfig, parsed } from "../helpers";
import { synthesizedStack } from "../support/synthesized";

/** S3 server access logs of the buckets an auditor asks about, in the stacks as synthesized. */
const { environments, state } = exampleConfig();

/** The bucket names whose server access logs go to a bucket of the stack, with that log bucket's name. */
function loggedBuckets(stack: string): Record<string, string> {
  const plan = parsed(synthesizedStack(stack));
  const buckets = plan.resource.aws_s3_bucket;
  // The default workspace's names: the workspace suffix is empty there.
  const nameOf = (reference: string) => String(buckets[/aws_s3_bucket\.([^.]+)\./.exec(reference)![1]].bucket).replace(/\$\{local\.workspace_suffix\}/, "");
  return Object.fromEntries(Object.values<any>(plan.resource.aws_s3_bucket_logging ?? {}).map((l) => [nameOf(l.bucket), nameOf(l.target_bucket)]));
}

describe("S3 server access logs", () => {
  it("log the state bucket into the state account's log bucket in its region", () => {
    expect(loggedBuckets("bootstrap")).toEqual({
      [`${state.project}-state-${state.accountId}-${state.region}`]: `${state.project}-state-access-logs-${state.accountId}-${state.region}`,
    });
  });

  it.each(Object.keys(environments))("log %s's release artifacts into the environment's log bucket", (name) => {
    const env = environments[name as keyof typeof environments];
    expect(loggedBuckets(name)).toMatchObject({
      [`${env.project}-${name}-app-pipeline-${env.accountId}`]: `${env.project}-${name}-access-logs-${env.accountId}`,
    });
  });

  it("log prod's audit bucket into prod's log bucket", () => {
    const prod = environments.prod;
    expect(loggedBuckets("prod")).toMatchObject({
      [`${prod.project}-prod-audit-logs-${prod.accountId}`]: `${prod.project}-prod-access-logs-${prod.accountId}`,
    });
  });

  it("keep prod's access logs as long as its audit trail's log files", () => {
    const plan = parsed(synthesizedStack("prod"));
    const lifecycle = Object.values<any>(plan.resource.aws_s3_bucket_lifecycle_configuration).find((l) => /access-logs/.test(l.bucket));
    expect(lifecycle.rule.find((r: any) => r.id === "expire-objects").expiration).toEqual([{ days: environments.prod.audit.retentionDays }]);
  });
});

describe("the audit bucket's copy", () => {
  it("is in prod's DR region", () => {
    const prod = environments.prod;
    const buckets = Object.values<any>(parsed(synthesizedStack("prod")).resource.aws_s3_bucket);
    expect(buckets.find((b) => b.bucket === `${prod.project}-prod-audit-logs-${prod.accountId}-${prod.drRegion}`)).toMatchObject({ provider: "aws.dr" });
  });
});
