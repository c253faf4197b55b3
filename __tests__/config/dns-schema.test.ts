import { ConfigError, loadConfig } from "../../src/config/load";
import { environments } from "../../environments";
import { problemsWith, rawState } from "../helpers";

function stateProblems(mutate: (state: any) => void): string[] {
  const state = rawState();
  mutate(state);
  try {
    loadConfig(environments, state);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe("the platform's zone (state.dns)", () => {
  it("accepts the example: the zone in prod's account, dev and test in their own", () => {
    expect(stateProblems(() => undefined)).toEqual([]);
  });

  it("needs the zone's account id", () => {
    expect(stateProblems((s) => (s.dns.accountId = "prod"))).toEqual(['state: dns.accountId must be a 12-digit AWS account id, got "prod"']);
  });

  it("says what a missing field holds", () => {
    expect(stateProblems((s) => delete s.dns.createZone)[0]).toMatch(/^state: dns\.createZone is required: create the zone in that account/);
  });

  it("refuses an operator role that is not an IAM role name", () => {
    expect(stateProblems((s) => (s.dns.operatorRoles = ["Admin Role"]))).toEqual([
      'state: dns.operatorRoles.0 must be an IAM role name or path/name, IAM wildcards (*) allowed, e.g. aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_AdministratorAccess_*, got "Admin Role"',
    ]);
  });

  it("refuses an environment whose zone is not the platform's", () => {
    expect(
      problemsWith("dev", (e) => {
        e.dns = { domain: "dev.notes.example.org", zone: "notes.example.org" };
        e.frontend.domain = "app.dev.notes.example.org";
      }),
    ).toEqual([
      'dev: dns.zone must be the platform\'s zone state.dns.zone ("notes.example.com", environments/defaults.ts), which the dns stack owns; set it to that, or move state.dns.zone, got "notes.example.org"',
    ]);
  });

  it("refuses a name another environment serves", () => {
    expect(problemsWith("test", (e) => (e.edge.alternativeNames = ["www.notes.example.com"]))).toEqual([
      'prod: edge.alternativeNames.0 "www.notes.example.com" is also a name of test: each environment may write only its own names; choose another name',
    ]);
  });
});
