import { parsed } from "../helpers";
import { synthesizedStack, synthesizedStackNames } from "../support/synthesized";

/** Arguments that give a resource a fixed name AWS keeps unique (per account, region or VPC). */
const FIXED_NAMES = ["name", "identifier", "cluster_identifier", "bucket", "replication_group_id", "user_id", "user_group_id"];

/** Every resource of a stack that Terraform replaces by creating the new one first. */
function createdBeforeDestroyed(stack: string): [address: string, body: Record<string, unknown>][] {
  const resource = parsed(synthesizedStack(stack)).resource ?? {};
  return Object.entries<Record<string, any>>(resource).flatMap(([type, byName]) =>
    Object.entries<any>(byName)
      .filter(([, body]) => body.lifecycle?.create_before_destroy === true)
      .map(([name, body]): [string, Record<string, unknown>] => [`${type}.${name}`, body]),
  );
}

describe.each(synthesizedStackNames())("replacements in stack %s", (stack) => {
  it("give every resource created before its predecessor is destroyed a generated name, never a fixed one", () => {
    // The new one would take the name the old one still holds: AWS refuses a duplicate.
    const fixed = createdBeforeDestroyed(stack).flatMap(([address, body]) => FIXED_NAMES.filter((k) => body[k] !== undefined).map((k) => `${address}.${k}`));
    expect(fixed).toEqual([]);
  });
});

describe("replacement safety", () => {
  it("creates every security group of an environment before destroying the one it replaces", () => {
    const groups = Object.entries<any>(parsed(synthesizedStack("prod")).resource.aws_security_group);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.filter(([, g]) => g.lifecycle?.create_before_destroy !== true).map(([name]) => name)).toEqual([]);
  });
});
