import { Construct } from "constructs";
import { LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { StateConfig } from "../config/schema";
import { accountProfile, remoteState } from "./state-names";

/** Where a stack keeps its state. */
export type PlatformBackend =
  /** The shared S3 backend in the state account, at this key. */
  | { readonly remote: StateConfig; readonly key: string }
  /** A local state file, relative to cdktf.out/stacks/<stack>. */
  | { readonly localPath: string };

export interface PlatformStackProps {
  readonly backend: PlatformBackend;
  /** Region of the default provider. */
  readonly region: string;
  /** The only account the providers may act in (`allowed_account_ids`). */
  readonly accountId: string;
  /** `default_tags` of every provider. */
  readonly tags: Record<string, string>;
}

/** Project, Environment, ManagedBy and Repository: the tags every resource carries. */
export function platformTags(project: string, environment: string, repository: string): Record<string, string> {
  return { Project: project, Environment: environment, ManagedBy: "cdktf", Repository: repository };
}

/**
 * What every stack here shares: its backend, the AWS provider pinned to one account with the default
 * tags, and the one `prepareStack` decision.
 */
export abstract class PlatformStack extends TerraformStack {
  public readonly provider: AwsProvider;
  private readonly providerSettings: { allowedAccountIds: string[]; defaultTags: { tags: Record<string, string> }[]; profile?: string };

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    const { backend } = props;
    if ("remote" in backend) remoteState(this, backend.remote, backend.key);
    else new LocalBackend(this, { path: backend.localPath });

    // Remote state lives in the state account; the providers reach the stack's own account through
    // the `account_profile` variable. The bootstrap (local state) runs in the state account itself.
    const profile = "remote" in backend ? accountProfile(this) : undefined;
    this.providerSettings = { allowedAccountIds: [props.accountId], defaultTags: [{ tags: props.tags }], profile };
    this.provider = new AwsProvider(this, "aws", { region: props.region, ...this.providerSettings });
  }

  /** Another provider, under `alias`, in another region, pinned and tagged like the default one. */
  protected aliasedProvider(alias: string, region: string): AwsProvider {
    return new AwsProvider(this, `aws-${alias}`, { alias, region, ...this.providerSettings });
  }

  /**
   * Another provider, under `alias`, acting in another account through a role there: the caller's
   * credentials (the `account_profile`) assume `roleArn`, and the provider is pinned to that
   * account and tagged like the default one.
   */
  protected assumedRoleProvider(alias: string, region: string, accountId: string, roleArn: string, sessionName: string): AwsProvider {
    return new AwsProvider(this, `aws-${alias}`, {
      alias,
      region,
      ...this.providerSettings,
      allowedAccountIds: [accountId],
      assumeRole: [{ roleArn, sessionName }],
    });
  }

  /**
   * cdktf's preparation walks and resolves every resource once more, only to find references to
   * other stacks. Stacks here never reference each other (each is applied on its own), and the
   * backend is always configured, so that walk (about a fifth of the synth time) is skipped. A
   * reference to another stack would show as an undeclared resource in `npm run validate`.
   */
  public prepareStack(): void {}
}
