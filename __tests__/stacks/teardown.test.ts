import { exampleConfig, parsed } from "../helpers";
import { synthesizedStack } from "../support/synthesized";

/** What S3, ECR and AWS Backup refuse to delete while it holds data, and the argument that empties it first. */
const EMPTIED_ON_DESTROY: Record<string, string> = { aws_s3_bucket: "force_destroy", aws_ecr_repository: "force_delete", aws_backup_vault: "force_destroy" };

/** `<address> <argument>=<value>` of every such resource in a stack. */
function emptying(stack: string): string[] {
  const resource = parsed(synthesizedStack(stack)).resource ?? {};
  return Object.entries(EMPTIED_ON_DESTROY).flatMap(([type, argument]) =>
    Object.entries<any>(resource[type] ?? {}).map(([name, body]) => `${type}.${name} ${argument}=${String(body[argument])}`),
  );
}

const environments = exampleConfig().environments;

describe.each(Object.keys(environments).filter((name) => !environments[name as keyof typeof environments].protectStatefulResources))(
  "tearing down %s (unprotected)",
  (name) => {
    it("empties every bucket, repository and vault on destroy, so a copy that has been used can be destroyed", () => {
      const found = emptying(name);
      expect(found.length).toBeGreaterThan(0);
      expect(found.filter((line) => !line.endsWith("=true"))).toEqual([]);
    });
  },
);

describe("tearing down prod (protected)", () => {
  it("never empties a bucket, repository or vault on destroy", () => {
    expect(emptying("prod").filter((line) => line.endsWith("=true"))).toEqual([]);
  });
});
