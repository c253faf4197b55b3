import { Construct } from "constructs";
import { TerraformResource } from "cdktf";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { GrafanaWorkspace } from "@cdktf/provider-aws/lib/grafana-workspace";
import { GrafanaWorkspaceSamlConfiguration } from "@cdktf/provider-aws/lib/grafana-workspace-saml-configuration";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { PrometheusWorkspace } from "@cdktf/provider-aws/lib/prometheus-workspace";
import { Naming } from "../../naming";

/** AWS managed read-only policies of the data sources (the ones service-managed workspaces attach). */
export const DATA_SOURCE_POLICIES = {
  CLOUDWATCH: "arn:aws:iam::aws:policy/service-role/AmazonGrafanaCloudWatchAccess",
  XRAY: "arn:aws:iam::aws:policy/AWSXrayReadOnlyAccess",
} as const;

export interface GrafanaSaml {
  readonly idpMetadataUrl: string;
  /** Values of the `role` assertion that make a user a Grafana admin. */
  readonly adminRoleValues: string[];
  /** Values that make a user an editor; everyone else signs in as a viewer. */
  readonly editorRoleValues: string[];
}

export interface GrafanaWorkspaceProps {
  readonly naming: Naming;
  readonly accountId: string;
  readonly region: string;
  /** Who signs in: IAM Identity Center (AWS_SSO) and/or SAML. */
  readonly authentication: ("AWS_SSO" | "SAML")[];
  /** Data sources the workspace's role may read; nothing else is granted. */
  readonly dataSources: ("CLOUDWATCH" | "XRAY" | "PROMETHEUS")[];
  /**
   * The Prometheus workspace to query; needed when dataSources names PROMETHEUS.
   * @default none
   */
  readonly prometheusWorkspace?: PrometheusWorkspace;
  /**
   * The identity provider, with SAML.
   * @default none
   */
  readonly saml?: GrafanaSaml;
}

/**
 * An Amazon Managed Grafana workspace of this account, with a role of our own (CUSTOMER_MANAGED)
 * that may only read the chosen data sources: CloudWatch metrics and logs, X-Ray traces and, with
 * a Prometheus workspace, queries on that one workspace. Sign-in through IAM Identity Center or SAML.
 */
export class ManagedGrafana extends Construct {
  public readonly workspace: GrafanaWorkspace;
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: GrafanaWorkspaceProps) {
    super(scope, id);
    const { naming } = props;
    const prometheus = props.dataSources.includes("PROMETHEUS");
    if (prometheus && !props.prometheusWorkspace) {
      throw new Error("ManagedGrafana: the PROMETHEUS data source needs prometheusWorkspace");
    }
    if (props.authentication.includes("SAML") && !props.saml) {
      throw new Error("ManagedGrafana: SAML authentication needs saml (the identity provider)");
    }

    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["grafana.amazonaws.com"] }],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:aws:grafana:${props.region}:${props.accountId}:/workspaces/*`] },
          ],
        },
      ],
    });
    this.role = new IamRole(this, "role", { name: naming.name("iamRole", "grafana"), assumeRolePolicy: trust.json });
    const grants: TerraformResource[] = [];
    for (const source of ["CLOUDWATCH", "XRAY"] as const) {
      if (props.dataSources.includes(source)) {
        grants.push(new IamRolePolicyAttachment(this, `policy-${source.toLowerCase()}`, { role: this.role.name, policyArn: DATA_SOURCE_POLICIES[source] }));
      }
    }
    if (prometheus && props.prometheusWorkspace) {
      const statement: DataAwsIamPolicyDocumentStatement[] = [
        // Listing is what the data source's setup page does; it has no resource-level permission.
        { sid: "FindWorkspace", actions: ["aps:ListWorkspaces"], resources: ["*"] },
        {
          sid: "QueryWorkspace",
          actions: ["aps:DescribeWorkspace", "aps:QueryMetrics", "aps:GetLabels", "aps:GetSeries", "aps:GetMetricMetadata"],
          resources: [props.prometheusWorkspace.arn],
        },
      ];
      grants.push(
        new IamRolePolicy(this, "prometheus", {
          name: "query-prometheus",
          role: this.role.id,
          policy: new DataAwsIamPolicyDocument(this, "prometheus-permissions", { statement }).json,
        }),
      );
    }

    this.workspace = new GrafanaWorkspace(this, "workspace", {
      name: naming.name("ecsName", "grafana"),
      description: "Dashboards over the environment's metrics, logs and traces",
      accountAccessType: "CURRENT_ACCOUNT",
      permissionType: "CUSTOMER_MANAGED",
      roleArn: this.role.arn,
      authenticationProviders: props.authentication,
      dataSources: props.dataSources,
      dependsOn: grants,
    });

    if (props.saml) {
      new GrafanaWorkspaceSamlConfiguration(this, "saml", {
        workspaceId: this.workspace.id,
        idpMetadataUrl: props.saml.idpMetadataUrl,
        roleAssertion: "role",
        adminRoleValues: props.saml.adminRoleValues,
        editorRoleValues: props.saml.editorRoleValues,
      });
    }
  }
}
