import { Construct } from "constructs";
import { Fn, Op, TerraformLocal, TerraformResource, TerraformResourceLifecycle, Token, ref } from "cdktf";

/** Longest non-default workspace name: every name reserves room for "-<workspace>". */
export const MAX_WORKSPACE_LENGTH = 10;

export interface WorkspacePolicyProps {
  /** The environment, named in the plan-time error. */
  readonly environment: string;
  /**
   * Whether workspaces other than `default` may plan this stack, as isolated copies whose every
   * name carries the workspace. When false, any other workspace fails `terraform plan`.
   */
  readonly allowNonDefault: boolean;
}

/**
 * A `terraform_data` resource that only carries lifecycle preconditions. Written here rather than
 * with cdktf's DataResource, which spawns `terraform version` at every synth (about 130 ms) to
 * check for Terraform 1.4; this project needs 1.10 anyway (README). Its HCL renders the
 * preconditions as `precondition {}` blocks: cdktf 0.21 renders them as a list attribute, which
 * Terraform rejects.
 */
class PreconditionGuard extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly input: Record<string, string>,
    lifecycle: TerraformResourceLifecycle,
  ) {
    super(scope, id, { terraformResourceType: "terraform_data", terraformGeneratorMetadata: { providerName: "terraform" }, lifecycle });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { input: this.input };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return { input: { value: this.input, isBlock: false, type: "map", storageClassType: "stringMap" } };
  }

  public toHclTerraform(): Record<string, unknown> {
    const hcl = super.toHclTerraform();
    const attributes = hcl.resource[this.terraformResourceType][this.friendlyUniqueId];
    const { precondition, ...rest } = attributes.lifecycle;
    attributes.lifecycle = {
      value: { ...rest, precondition: { value: precondition, isBlock: true, type: "list", storageClassType: "object" } },
      isBlock: true,
      type: "simple",
    };
    return hcl;
  }
}

/**
 * Which Terraform workspaces may plan this stack, enforced at plan time by a precondition (the
 * workspace is only known then), and the name suffix that keeps copies in other workspaces apart.
 */
export class WorkspacePolicy extends Construct {
  /** "" in the default workspace, "-<workspace>" in any other; "" always when only default is allowed. */
  public readonly nameSuffix: string;
  /** Characters `nameSuffix` may add at most. */
  public readonly nameSuffixMaxLength: number;
  /** "" in the default workspace, "<workspace>." in any other: copies get DNS names of their own. */
  public readonly hostPrefix: string;
  /**
   * 1 in the default workspace, 0 in any other: the `count` of account-wide settings (one per
   * account and region) that only the environment itself may own, never its copies.
   */
  public readonly defaultWorkspaceOnly?: number;

  constructor(scope: Construct, id: string, props: WorkspacePolicyProps) {
    super(scope, id);
    const workspace = Token.asString(ref("terraform.workspace"));
    const isDefault = Op.eq(workspace, "default");

    const condition = props.allowNonDefault
      ? Op.or(isDefault, Op.and(Op.lte(Fn.lengthOf(workspace), MAX_WORKSPACE_LENGTH), Fn.can(Fn.regex("^[a-z0-9]+(-[a-z0-9]+)*$", workspace))))
      : isDefault;
    const errorMessage = props.allowNonDefault
      ? `${props.environment}: a workspace other than default must be at most ${MAX_WORKSPACE_LENGTH} lowercase letters, digits and hyphens, because every resource name carries it.`
      : `${props.environment} may only be planned in the default workspace: unset TF_WORKSPACE or run terraform workspace select default.`;

    new PreconditionGuard(this, "guard", { environment: props.environment }, { precondition: [{ condition, errorMessage }] });

    if (props.allowNonDefault) {
      const suffix = new TerraformLocal(this, "workspace_suffix", Fn.conditional(isDefault, "", `-${workspace}`));
      suffix.overrideLogicalId("workspace_suffix");
      this.nameSuffix = suffix.asString;
      this.nameSuffixMaxLength = MAX_WORKSPACE_LENGTH + 1;
      this.hostPrefix = Token.asString(Fn.conditional(isDefault, "", `${workspace}.`));
      this.defaultWorkspaceOnly = Token.asNumber(Fn.conditional(isDefault, 1, 0));
    } else {
      this.nameSuffix = "";
      this.nameSuffixMaxLength = 0;
      this.hostPrefix = "";
    }
  }
}
