import { Testing } from "cdktf";
import { buildApp } from "../../src/app";
import { environments, state } from "../../environments";
import { findSecrets } from "../support/secret-scan";

describe("no secrets in plain text", () => {
  const app = buildApp({ environments, state, outdir: require("node:os").tmpdir() });
  const stacks = app.node.children.map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack as any))] as const);

  it.each(stacks.map(([name]) => name))("%s holds no secret-looking value", (name) => {
    const [, json] = stacks.find(([n]) => n === name)!;
    expect(findSecrets(json)).toEqual([]);
  });

  it("flags the values it is meant to catch", () => {
    expect(findSecrets({ resource: { x: { y: { master_password: "hunter22", auth_token: "${var.t}" } } } }).map((f) => f.path)).toEqual([
      "resource.x.y.master_password",
    ]);
    expect(findSecrets({ url: "postgres://app:s3cret@db:5432/notes", key: "AKIAABCDEFGHIJKLMNOP" }).map((f) => f.reason)).toEqual([
      "password in a URL",
      "AWS access key id",
    ]);
  });
});
