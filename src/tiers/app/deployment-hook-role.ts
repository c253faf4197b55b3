import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Naming } from "../../naming";

export interface DeploymentHookRoleProps {
  readonly naming: Naming;
  readonly accountId: string;
  /** The test hook's Lambda function (app.testHook.lambdaArn), the only thing the role may invoke. */
  readonly functionArn: string;
}

/** The role ECS assumes to invoke the deployment's test hook: invoke that one function, nothing else. */
export class DeploymentHookRole extends Construct {
  public readonly role: IamRole;
  /** The role's permission: the service waits for it, or its first deployment cannot invoke the hook. */
  public readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: DeploymentHookRoleProps) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["ecs.amazonaws.com"] }],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] }],
        },
      ],
    });
    this.role = new IamRole(this, "role", { name: props.naming.name("iamRole", "ecs-test-hook"), assumeRolePolicy: trust.json });
    const unqualified = props.functionArn.split(":").slice(0, 7).join(":");
    const permissions = new DataAwsIamPolicyDocument(this, "permissions", {
      // The function itself and its versions and aliases.
      statement: [{ sid: "InvokeTestHook", actions: ["lambda:InvokeFunction"], resources: [unqualified, `${unqualified}:*`] }],
    });
    this.policy = new IamRolePolicy(this, "policy", { name: "invoke-test-hook", role: this.role.id, policy: permissions.json });
  }
}
