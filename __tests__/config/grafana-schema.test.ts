import { problemsWith } from "../helpers";

const saml = { idpMetadataUrl: "https://idp.example.com/metadata.xml", adminRoleValues: ["grafana-admin"], editorRoleValues: ["grafana-editor"] };

describe("Grafana schema", () => {
  it("accepts prod's workspace over CloudWatch, X-Ray and Prometheus", () => {
    expect(problemsWith("prod", () => undefined)).toEqual([]);
  });

  it("needs a sign-in", () => {
    expect(problemsWith("prod", (e) => (e.observability.grafana.authentication = []))).toEqual([
      "prod: observability.grafana.authentication must name AWS_SSO, SAML or both, got []",
    ]);
  });

  it("rejects an unknown sign-in", () => {
    expect(problemsWith("prod", (e) => (e.observability.grafana.authentication = ["LDAP"]))).toEqual([
      'prod: observability.grafana.authentication.0 must be one of AWS_SSO, SAML, got "LDAP"',
    ]);
  });

  it("needs the identity provider for SAML", () => {
    expect(problemsWith("prod", (e) => (e.observability.grafana.authentication = ["SAML"]))).toEqual([
      "prod: observability.grafana.saml must be set when observability.grafana.authentication names SAML: the identity provider's metadata URL and role values, got nothing",
    ]);
  });

  it("accepts SAML with its identity provider", () => {
    expect(problemsWith("prod", (e) => ((e.observability.grafana.authentication = ["SAML"]), (e.observability.grafana.saml = saml)))).toEqual([]);
  });

  it("refuses SAML settings nobody signs in with", () => {
    expect(problemsWith("prod", (e) => (e.observability.grafana.saml = saml))).toEqual([
      expect.stringMatching(/^prod: observability.grafana.saml is only read with SAML in observability.grafana.authentication; add SAML or remove it/),
    ]);
  });

  it("rejects a metadata URL that is not https", () => {
    expect(
      problemsWith(
        "prod",
        (e) => ((e.observability.grafana.authentication = ["SAML"]), (e.observability.grafana.saml = { ...saml, idpMetadataUrl: "http://idp" })),
      ),
    ).toEqual(['prod: observability.grafana.saml.idpMetadataUrl must be an https:// URL, got "http://idp"']);
  });

  it("needs a Prometheus workspace to read from", () => {
    expect(
      problemsWith("test", (e) => ((e.observability.grafana.enabled = true), (e.observability.grafana.dataSources = ["CLOUDWATCH", "PROMETHEUS"]))),
    ).toEqual([
      'test: observability.grafana.dataSources names PROMETHEUS, which needs observability.tracing.prometheus (the workspace it reads), got ["CLOUDWATCH","PROMETHEUS"]',
    ]);
  });

  it("needs a data source", () => {
    expect(problemsWith("prod", (e) => (e.observability.grafana.dataSources = []))).toEqual([
      "prod: observability.grafana.dataSources must name at least one data source, got []",
    ]);
  });

  it("rejects a repeated data source", () => {
    expect(problemsWith("prod", (e) => (e.observability.grafana.dataSources = ["XRAY", "XRAY"]))).toEqual([
      'prod: observability.grafana.dataSources must not repeat a data source, got ["XRAY","XRAY"]',
    ]);
  });
});
