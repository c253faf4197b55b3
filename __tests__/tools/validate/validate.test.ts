import * as path from "node:path";
import { buildSync } from "esbuild";
import { formatProblem } from "../../../tools/validate/problems";
import { ProviderSchema } from "../../../tools/validate/schema";
import { loadProviderSchema } from "../../../tools/validate/schema-cache";
import { validateSynthOutput } from "../../../tools/validate/validate";
import { unrefWasmTimers } from "../../support/wasm-timers";

const root = path.resolve(__dirname, "..", "..", "..");
const fixtures = path.join(root, "__tests__", "fixtures", "validate");

let schema: ProviderSchema;

// The first run ever extracts the schema from the 130 MB jsii assembly (seconds); later runs read the cache.
beforeAll(() => {
  schema = loadProviderSchema({ root }).schema;
}, 120_000);

unrefWasmTimers();

/** Each problem as `<id> | <stack> <address> <path>: <problem>; <fix>`. */
async function problemsIn(fixture: string): Promise<string[]> {
  const result = await validateSynthOutput({ jsonDir: path.join(fixtures, fixture), schema });
  return result.problems.map((p) => `${p.id} | ${p.stack} ${p.address} ${p.path}: ${p.message}; ${p.fix}`);
}

const HCL_FIX = "cdktf renders this differently in HCL: use the JSON synthesis (cdk.tf.json) for this stack, or change the value so that both render alike";

describe("validate finds each kind of problem (fixtures under __tests__/fixtures/validate)", () => {
  test("a valid stack, JSON and HCL, has none", async () => {
    expect(await problemsIn("valid")).toEqual([]);
  });

  test.each([
    [
      "unknown-resource-type",
      'VAL-SCHEMA | main aws_vpcc.extra -: unknown resource type "aws_vpcc": the AWS provider 6.25.0 has no such resource; did you mean "aws_vpc"?',
    ],
    ["unknown-argument", 'VAL-SCHEMA | main aws_vpc.main cidr_blok: unknown argument "cidr_blok"; did you mean "cidr_block"?'],
    ["missing-required-argument", 'VAL-SCHEMA | main aws_subnet.a vpc_id: missing required argument "vpc_id"; set vpc_id'],
    ["wrong-primitive-type", 'VAL-SCHEMA | main aws_vpc.main enable_dns_support: expected bool, got string "yes"; set true or false'],
    ["single-block-given-a-list", "VAL-SCHEMA | main aws_dynamodb_table.locks point_in_time_recovery: takes a single block, got a list of 2; set one object"],
    [
      "camel-case-in-untyped-block",
      'VAL-SCHEMA | main aws_wafv2_web_acl.acl rule[0].statement.rateBasedStatement: "rateBasedStatement" is not a Terraform argument name (this block is typed any, so cdktf does not convert its keys); write "rate_based_statement"',
    ],
    [
      "unescaped-shell-variable",
      'VAL-TEMPLATE | main aws_ssm_parameter.script value: unescaped shell variable "${HOME}" (Terraform would read HOME as a reference); write $${HOME}',
    ],
    [
      "unescaped-iam-variable",
      'VAL-TEMPLATE | main aws_iam_policy.home policy: unescaped IAM policy variable "${aws:username}" (Terraform would interpolate it); write $${aws:username}',
    ],
    [
      "unescaped-directive",
      'VAL-TEMPLATE | main aws_ssm_parameter.probe value: "%{http_code}" is not a template directive (a literal %{ must be escaped); write %%{http_code}',
    ],
    [
      "undeclared-resource",
      "VAL-REF | main aws_subnet.a vpc_id: reference aws_vpc.other.id names aws_vpc.other, which this stack does not declare; declare the resource or fix the reference",
    ],
    // Beside a template that parses (availability_zone): the bad one alone is named.
    [
      "unparseable-template",
      "VAL-TEMPLATE | main aws_subnet.a vpc_id: does not parse as a Terraform template: Invalid expression; Expected the start of an expression, but found an invalid expression token.; fix the expression; if ${ or %{ is meant literally, write $${ or %%{",
    ],
    ["unknown-attribute", 'VAL-REF | main aws_subnet.a vpc_id: reference aws_vpc.main.idd: aws_vpc has no attribute "idd"; did you mean "id"?'],
    [
      "undeclared-depends-on",
      'VAL-REF | main aws_subnet.a depends_on[0]: depends_on entry "aws_internet_gateway.gw" names aws_internet_gateway.gw, which this stack does not declare; declare the resource or fix the reference',
    ],
    [
      "missing-provider-alias",
      'VAL-REF | main aws_vpc.main provider: provider "aws.west" names alias "west", which no aws provider block declares; use one of: aws.dr',
    ],
    [
      "name-rule",
      'VAL-NAME | main aws_s3_bucket.logs bucket: name "Notes_Logs" may only hold lowercase letters, digits and hyphens, starting and ending with a letter or digit (AWS would refuse it at apply); change the name passed to the naming helper (src/naming.ts, rule s3Bucket) so it fits',
    ],
    [
      "name-prefix-rule",
      'VAL-NAME | main aws_lb_target_group.blue name_prefix: name "notes-dev-blue-" is 15 characters; a targetGroup name_prefix allows at most 6 (32 less the 26 Terraform appends) (AWS would refuse it at apply); change the name passed to the naming helper (src/naming.ts, rule targetGroup) so it fits',
    ],
    [
      "hcl-does-not-parse",
      'VAL-HCL | main aws_subnet.a line 29: cdk.tf does not parse: Invalid multi-line string; Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.; cdktf wrote HCL that Terraform cannot read: use the JSON synthesis (cdk.tf.json) for this stack, or change the value so that it renders',
    ],
    [
      "hcl-differs-from-json",
      `VAL-HCL | main aws_vpc.main cidr_block: cdk.tf says something else than cdk.tf.json: the JSON has "10.0.0.0/16", cdk.tf has "10.1.0.0/16"; ${HCL_FIX}`,
    ],
    [
      "hcl-unrenderable-attribute",
      'VAL-HCL | main aws_subnet.a vpc_id: cdktf could not render this attribute in HCL (cdk.tf line 29: "# Warning: The following attribute is of an unexpected type."); use the JSON synthesis for this stack, or give the attribute a value of its schema type',
    ],
  ])("%s", async (fixture, expected) => {
    expect(await problemsIn(fixture)).toEqual([expected]);
  });

  test("prints a problem as every plan check does: level, id, where, what, fix", async () => {
    const [problem] = (await validateSynthOutput({ jsonDir: path.join(fixtures, "unknown-argument"), schema })).problems;
    expect(formatProblem(problem)).toBe('error VAL-SCHEMA main aws_vpc.main cidr_blok: unknown argument "cidr_blok"; fix: did you mean "cidr_block"?');
  });
});

// Every real stack, in JSON and in HCL, is validated by `npm run validate`, which `npm test` runs
// after jest: synthesizing them here again would double that cost.

test("the app loads the policy pack but not the validator (synth must not pay for it)", () => {
  const { metafile } = buildSync({
    entryPoints: [path.join(root, "main.ts")],
    bundle: true,
    platform: "node",
    packages: "external",
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const tools = Object.keys(metafile.inputs).filter((file) => file.startsWith("tools/"));
  expect(tools).toContain("tools/policy/at-synth.ts");
  expect(tools.filter((file) => !/^tools\/(findings|json)\.ts$|^tools\/policy\/(?!cli\.ts)/.test(file))).toEqual([]);
});
