import { TerraformStack, Testing } from "cdktf";
import { WorkspacePolicy } from "../../src/shared/workspace-policy";
import { parsed, synth } from "../helpers";

function policy(allowNonDefault: boolean): { json: string; policy: WorkspacePolicy } {
  let created!: WorkspacePolicy;
  const json = synth((scope) => {
    created = new WorkspacePolicy(scope, "workspace", { environment: "prod", allowNonDefault });
  });
  return { json, policy: created };
}

function precondition(json: string): any {
  const guard = Object.values(parsed(json).resource.terraform_data)[0] as any;
  return guard.lifecycle.precondition[0];
}

describe("WorkspacePolicy", () => {
  it("refuses any workspace but default when other workspaces are not allowed", () => {
    const { json } = policy(false);
    expect(precondition(json)).toEqual({
      condition: '${(terraform.workspace == "default")}',
      error_message: "prod may only be planned in the default workspace: unset TF_WORKSPACE or run terraform workspace select default.",
    });
  });

  it("adds no suffix to names when only the default workspace is allowed", () => {
    expect(policy(false).policy.nameSuffix).toBe("");
    expect(parsed(policy(false).json).locals).toBeUndefined();
  });

  it("limits other workspaces to short lowercase names", () => {
    expect(precondition(policy(true).json).condition).toContain("length(terraform.workspace) <= 10");
  });

  it("suffixes names with the workspace outside the default one", () => {
    const { json, policy: p } = policy(true);
    expect(parsed(json).locals.workspace_suffix).toBe('${(terraform.workspace == "default") ? "" : "-${terraform.workspace}"}');
    expect(p.nameSuffixMaxLength).toBe(11);
  });

  it("gives copies in other workspaces DNS names of their own", () => {
    expect(policy(true).policy.hostPrefix).toMatch(/TfToken/);
    expect(policy(false).policy.hostPrefix).toBe("");
  });

  it("counts account-wide settings only in the default workspace", () => {
    const { json, policy: p } = policy(true);
    expect(p.defaultWorkspaceOnly).toBeDefined();
    expect(policy(false).policy.defaultWorkspaceOnly).toBeUndefined();
    expect(json).toBeDefined();
  });

  it("renders the precondition as a block in HCL", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    new WorkspacePolicy(stack, "workspace", { environment: "prod", allowNonDefault: false });
    expect(Testing.synthHcl(stack)).toMatch(/lifecycle \{\nprecondition \{\ncondition = "\$\{\(terraform.workspace == "default"\)\}"\n/);
  });
});
