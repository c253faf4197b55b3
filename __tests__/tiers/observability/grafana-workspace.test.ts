import { Construct } from "constructs";
import { GrafanaWorkspace } from "@cdktf/provider-aws/lib/grafana-workspace";
import { GrafanaWorkspaceSamlConfiguration } from "@cdktf/provider-aws/lib/grafana-workspace-saml-configuration";
import { PrometheusWorkspace } from "@cdktf/provider-aws/lib/prometheus-workspace";
import { naming, parsed, resources, synth } from "../../helpers";
import { DATA_SOURCE_POLICIES, GrafanaWorkspaceProps, ManagedGrafana } from "../../../src/tiers/observability/grafana-workspace";

const SAML = { idpMetadataUrl: "https://idp.example.com/metadata.xml", adminRoleValues: ["grafana-admin"], editorRoleValues: ["grafana-editor"] };

const buildGrafana = (scope: Construct, overrides: Partial<GrafanaWorkspaceProps> = {}) =>
  new ManagedGrafana(scope, "grafana", {
    naming,
    accountId: "333333333333",
    region: "eu-central-1",
    authentication: ["AWS_SSO"],
    dataSources: ["CLOUDWATCH", "XRAY", "PROMETHEUS"],
    prometheusWorkspace: new PrometheusWorkspace(scope, "prometheus", {}),
    ...overrides,
  });

describe("ManagedGrafana", () => {
  const json = synth((scope) => buildGrafana(scope));
  const docs = () => Object.values<any>(parsed(json).data.aws_iam_policy_document);

  it("is a workspace of this account with a role of its own", () => {
    expect(json).toHaveResourceWithProperties(GrafanaWorkspace, {
      account_access_type: "CURRENT_ACCOUNT",
      permission_type: "CUSTOMER_MANAGED",
      role_arn: expect.stringMatching(/aws_iam_role\.grafana_role/),
      authentication_providers: ["AWS_SSO"],
      data_sources: ["CLOUDWATCH", "XRAY", "PROMETHEUS"],
    });
  });

  it("is assumed by Grafana for this account's workspaces only", () => {
    const trust = docs().find((d) => d.statement[0].actions[0] === "sts:AssumeRole");
    expect(trust.statement[0].principals).toEqual([{ type: "Service", identifiers: ["grafana.amazonaws.com"] }]);
    expect(trust.statement[0].condition).toEqual([
      { test: "StringEquals", variable: "aws:SourceAccount", values: ["333333333333"] },
      { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:grafana:eu-central-1:333333333333:/workspaces/*"] },
    ]);
  });

  it("may read CloudWatch and X-Ray through their read-only policies", () => {
    expect(resources(json, "aws_iam_role_policy_attachment").map((a) => a.policy_arn)).toEqual([DATA_SOURCE_POLICIES.CLOUDWATCH, DATA_SOURCE_POLICIES.XRAY]);
  });

  it("may query only the given Prometheus workspace", () => {
    const permissions = docs().find((d) => d.statement.some((s: any) => s.sid === "QueryWorkspace"));
    expect(permissions.statement[1]).toEqual({
      sid: "QueryWorkspace",
      actions: ["aps:DescribeWorkspace", "aps:QueryMetrics", "aps:GetLabels", "aps:GetSeries", "aps:GetMetricMetadata"],
      resources: ["${aws_prometheus_workspace.prometheus.arn}"],
    });
    expect(permissions.statement.flatMap((s: any) => s.actions).some((a: string) => /RemoteWrite|Create|Delete|Put/.test(a))).toBe(false);
  });

  it("grants nothing for data sources it does not read", () => {
    const cloudwatchOnly = synth((scope) => buildGrafana(scope, { dataSources: ["CLOUDWATCH"], prometheusWorkspace: undefined }));
    expect(resources(cloudwatchOnly, "aws_iam_role_policy_attachment").map((a) => a.policy_arn)).toEqual([DATA_SOURCE_POLICIES.CLOUDWATCH]);
    expect(resources(cloudwatchOnly, "aws_iam_role_policy")).toHaveLength(0);
  });

  it("signs in through the SAML identity provider when configured", () => {
    const saml = synth((scope) => buildGrafana(scope, { authentication: ["SAML"], saml: SAML }));
    expect(saml).toHaveResourceWithProperties(GrafanaWorkspaceSamlConfiguration, {
      idp_metadata_url: SAML.idpMetadataUrl,
      role_assertion: "role",
      admin_role_values: ["grafana-admin"],
      editor_role_values: ["grafana-editor"],
    });
  });

  it("refuses Prometheus without its workspace", () => {
    expect(() => synth((scope) => buildGrafana(scope, { prometheusWorkspace: undefined }))).toThrow(/PROMETHEUS data source needs prometheusWorkspace/);
  });

  it("refuses SAML without an identity provider", () => {
    expect(() => synth((scope) => buildGrafana(scope, { authentication: ["SAML"] }))).toThrow(/SAML authentication needs saml/);
  });
});
