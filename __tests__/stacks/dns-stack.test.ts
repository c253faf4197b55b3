import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { DnsStack } from "../../src/stacks/dns-stack";
import { environmentNames } from "../../src/config/dns-schema";
import { exampleConfig, parsed } from "../helpers";
import { synthesizedStack } from "../support/synthesized";

const config = exampleConfig();
const { dns, project, accountId: stateAccount, region: stateRegion } = config.state;
const environments = Object.values(config.environments);

/** The Route 53 zone lookups and records of a synthesized stack, with the provider each uses. */
function route53Blocks(json: any): { address: string; provider?: string }[] {
  const of = (kind: "resource" | "data", type: string) =>
    Object.entries<any>(json[kind]?.[type] ?? {}).map(([name, block]) => ({
      address: `${kind === "data" ? "data." : ""}${type}.${name}`,
      provider: block.provider,
    }));
  return [...of("resource", "aws_route53_record"), ...of("resource", "aws_route53_zone"), ...of("data", "aws_route53_zone")];
}

describe("DnsStack", () => {
  const json = synthesizedStack("dns");
  const stack = parsed(json);
  const policy = (env: string) =>
    Object.entries<any>(stack.data.aws_iam_policy_document).find(([name]) => name.startsWith(`writer-${env}_records-policy_`))![1].statement as any[];

  it("keeps its state beside the environments', in the state account's bucket", () => {
    expect(stack.terraform.backend.s3).toMatchObject({ bucket: `${project}-state-${stateAccount}-${stateRegion}`, key: "dns.tfstate" });
  });

  it("can only be applied to the zone's account", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, { allowed_account_ids: [dns.accountId] });
  });

  it("owns the example's existing zone by looking it up (state.dns.createZone false)", () => {
    expect(Object.values(stack.data.aws_route53_zone)).toEqual([expect.objectContaining({ name: dns.zone, private_zone: false })]);
  });

  it("creates the zone instead when state.dns.createZone, refusing its destruction", () => {
    const created = new DnsStack(
      Testing.app(),
      "dns",
      { ...config.state, dns: { ...dns, createZone: true } },
      [config.environments.dev],
      "example-org/notes-platform",
    );
    const synthesized = Testing.synth(created);
    expect(synthesized).toHaveResourceWithProperties(Route53Zone, { name: dns.zone, lifecycle: { prevent_destroy: true } });
    expect(parsed(synthesized).data.aws_route53_zone).toBeUndefined();
  });

  it("gives every environment its record-writer role", () => {
    const roles = Object.values<any>(stack.resource.aws_iam_role).map((r) => r.name);
    expect(roles.sort()).toEqual(environments.map((e) => `${e.project}-${e.name}-dns`).sort());
  });

  it.each(environments.map((e) => e.name))("lets %s write only its own names", (name) => {
    const env = config.environments[name as keyof typeof config.environments];
    const allowed = policy(name)
      .find((s) => s.sid === "WriteOwnRecords")
      .condition.find((c: any) => c.test === "ForAllValues:StringLike").values as string[];
    for (const { name: own } of environmentNames(env)) expect(allowed).toContain(own);
    const others = environments.filter((e) => e.name !== name).flatMap((e) => environmentNames(e).map((n) => n.name));
    expect(allowed.filter((pattern) => others.includes(pattern))).toEqual([]);
  });

  it("keeps prod, at the zone's apex, out of the other environments' names", () => {
    const deny = policy("prod").find((s) => s.sid === "NotOtherEnvironmentsRecords");
    expect(deny.effect).toBe("Deny");
    expect(deny.condition[0].values).toEqual(
      expect.arrayContaining(["dev.notes.example.com", "*.dev.notes.example.com", "test.notes.example.com", "*.test.notes.example.com"]),
    );
  });
});

describe("DNS across accounts, in every environment stack", () => {
  it("the example has environments outside the zone's account", () => {
    expect(environments.filter((e) => e.accountId !== dns.accountId).map((e) => e.name)).toEqual(["dev", "test"]);
  });

  describe.each(environments.map((e) => e.name))("%s", (name) => {
    const env = config.environments[name as keyof typeof config.environments];
    const json = parsed(synthesizedStack(name));
    const dnsProvider = (json.provider.aws as any[]).find((p) => p.alias === "dns");

    it("reaches the zone's account through its record-writer role there", () => {
      expect(dnsProvider).toMatchObject({
        allowed_account_ids: [dns.accountId],
        assume_role: [{ role_arn: `arn:aws:iam::${dns.accountId}:role/${env.project}-${name}-dns` }],
      });
    });

    it("that role is one the dns stack creates", () => {
      const roles = Object.values<any>(parsed(synthesizedStack("dns")).resource.aws_iam_role).map((r) => `arn:aws:iam::${dns.accountId}:role/${r.name}`);
      expect(roles).toContain(dnsProvider.assume_role[0].role_arn);
    });

    it("reads and writes the zone through that provider only, and creates no zone", () => {
      const blocks = route53Blocks(json);
      expect(blocks.length).toBeGreaterThan(0);
      expect(blocks.filter((b) => b.provider !== "aws.dns")).toEqual([]);
      expect(blocks.filter((b) => b.address.startsWith("aws_route53_zone."))).toEqual([]);
    });
  });
});
