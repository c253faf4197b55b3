import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ProviderSchema } from "../../../tools/validate/schema";
import { loadProviderSchema } from "../../../tools/validate/schema-cache";

const root = path.resolve(__dirname, "..", "..", "..");
let schema: ProviderSchema;
let cacheFile: string;

// The first run ever extracts the schema from the 130 MB jsii assembly (seconds); later runs read the cache.
beforeAll(() => {
  ({ schema, cacheFile } = loadProviderSchema({ root }));
}, 120_000);

test("is keyed by the pinned provider package and names the Terraform provider version", () => {
  const pinned = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies[
    "@cdktf/provider-aws"
  ];
  expect(schema.packageVersion).toBe(pinned);
  expect(path.basename(cacheFile)).toBe(`provider-schema-${pinned}.json`);
  expect(schema.providerVersion).toMatch(/^\d+\.\d+\.\d+$/);
});

test("holds every resource and data source, not a hand-kept list", () => {
  expect(Object.keys(schema.resources).length).toBeGreaterThan(1000);
  expect(Object.keys(schema.dataSources).length).toBeGreaterThan(400);
  expect(schema.dataSources.aws_availability_zones.attributes).toEqual(expect.arrayContaining(["names", "zone_ids", "state"]));
});

test("uses the Terraform names, not the jsii ones", () => {
  const args = (type: string, block?: string) => schema.blocks[block ?? schema.resources[type].block].args;
  expect(args("aws_instance").get_password_data).toEqual({ type: "bool" }); // jsii: fetchPasswordData
  expect(args("", "securityGroup.SecurityGroupIngress").self).toEqual({ type: "bool" }); // jsii: selfAttribute
  expect(args("aws_subnet").vpc_id).toEqual({ type: "string", required: true });
  expect(args("aws_security_group").ingress.type).toBe("blocks:securityGroup.SecurityGroupIngress");
  expect(args("aws_dynamodb_table").point_in_time_recovery.type).toBe("block:dynamodbTable.DynamodbTablePointInTimeRecovery");
  expect(schema.resources.aws_vpc.attributes).toEqual(expect.arrayContaining(["arn", "owner_id", "default_security_group_id", "cidr_block"]));
});

test("a cache of the same version is read, not rebuilt", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "validate-cache-"));
  try {
    fs.copyFileSync(cacheFile, path.join(dir, path.basename(cacheFile)));
    const again = loadProviderSchema({ root, cacheDir: dir });
    expect(again.built).toBe(false);
    expect(Object.keys(again.schema.resources)).toEqual(Object.keys(schema.resources));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
