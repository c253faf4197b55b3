import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { PlatformStack, PlatformStackProps, platformTags } from "../../src/stacks/platform-stack";
import { exampleConfig, parsed } from "../helpers";

class Probe extends PlatformStack {
  constructor(props: PlatformStackProps, alias?: string) {
    super(Testing.app(), "probe", props);
    if (alias) this.aliasedProvider(alias, "eu-west-1");
  }
}

const { state } = exampleConfig();
const tags = platformTags("notes", "dev", "example-org/notes-platform");
const remote = (alias?: string) =>
  parsed(Testing.synth(new Probe({ backend: { remote: state, key: "probe.tfstate" }, region: "eu-central-1", accountId: "111111111111", tags }, alias)));
const local = () => parsed(Testing.synth(new Probe({ backend: { localPath: "probe.tfstate" }, region: "eu-central-1", accountId: "111111111111", tags })));

describe("PlatformStack", () => {
  it("pins the provider to its account and tags everything", () => {
    expect(Testing.synth(new Probe({ backend: { localPath: "p" }, region: "eu-central-1", accountId: "111111111111", tags }))).toHaveProviderWithProperties(
      AwsProvider,
      {
        allowed_account_ids: ["111111111111"],
        default_tags: [{ tags: { Project: "notes", Environment: "dev", ManagedBy: "cdktf", Repository: "example-org/notes-platform" } }],
      },
    );
  });

  it("keeps remote state in the shared bucket under its key", () => {
    expect(remote().terraform.backend.s3).toMatchObject({ bucket: "notes-state-444444444444-eu-central-1", key: "probe.tfstate" });
  });

  it("reaches the stack's account through the account_profile variable with remote state", () => {
    expect(remote().variable.account_profile.default).toBe("none");
    expect(remote().provider.aws[0].profile).toMatch(/var\.account_profile/);
  });

  it("uses the caller's credentials with local state", () => {
    expect(local().terraform.backend.local).toEqual({ path: "probe.tfstate" });
    expect(local().provider.aws[0].profile).toBeUndefined();
  });

  it("adds aliased providers pinned and tagged like the default one", () => {
    const [, dr] = remote("dr").provider.aws;
    expect(dr).toMatchObject({ alias: "dr", region: "eu-west-1", allowed_account_ids: ["111111111111"], default_tags: [{ tags }] });
  });
});

describe("PlatformStack locking", () => {
  const backend = (locking: "s3" | "both") =>
    parsed(
      Testing.synth(new Probe({ backend: { remote: { ...state, locking }, key: "probe.tfstate" }, region: "eu-central-1", accountId: "111111111111", tags })),
    ).terraform.backend.s3;

  it("switches to S3 native lock files", () => {
    expect(backend("s3").use_lockfile).toBe(true);
    expect(backend("s3").dynamodb_table).toBeUndefined();
  });

  it("uses both while migrating", () => {
    expect(backend("both")).toMatchObject({ use_lockfile: true, dynamodb_table: `${state.project}-state-locks` });
  });
});
