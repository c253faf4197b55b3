import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { DnsRecordWriter, DnsRecordWriterProps, dnsRoleName, recordNamePatterns } from "../../src/access/dns-record-writer";
import { parsed, synth } from "../helpers";

const NAMES_KEY = "route53:ChangeResourceRecordSetsNormalizedRecordNames";

function build(props: Partial<DnsRecordWriterProps> = {}) {
  const json = synth((scope) => {
    new DnsRecordWriter(scope, "writer", {
      project: "notes",
      environment: "prod",
      environmentAccountId: "333333333333",
      operatorRoles: ["aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_AdministratorAccess_*"],
      zoneArn: "arn:aws:route53:::hostedzone/Z123",
      names: ["notes.example.com", "www.notes.example.com"],
      workspaceCopies: false,
      otherEnvironmentNames: ["dev.notes.example.com", "app.dev.notes.example.com", "other.example.org"],
      ...props,
    });
  });
  const documents = parsed(json).data.aws_iam_policy_document;
  const document = (prefix: string) => documents[Object.keys(documents).find((k) => k.startsWith(`writer_${prefix}_`))!].statement as any[];
  return { json, trust: document("trust"), policy: (sid: string) => document("records-policy").find((s) => s.sid === sid) };
}

describe("DnsRecordWriter", () => {
  const { json, trust, policy } = build();
  const condition = (sid: string, test: string) => policy(sid)?.condition.find((c: any) => c.test === test);

  it("is named for the environment, the same in every workspace", () => {
    expect(json).toHaveResourceWithProperties(IamRole, { name: "notes-prod-dns" });
    expect(dnsRoleName("notes", "dev")).toBe("notes-dev-dns");
  });

  it("trusts the environment's account only", () => {
    expect(trust).toEqual([
      expect.objectContaining({ actions: ["sts:AssumeRole"], principals: [{ type: "AWS", identifiers: ["arn:aws:iam::333333333333:root"] }] }),
    ]);
  });

  it("is assumable there only by the environment's CI roles and the operators' roles", () => {
    expect(trust[0].condition).toEqual([
      {
        test: "ArnLike",
        variable: "aws:PrincipalArn",
        values: [
          "arn:aws:iam::333333333333:role/notes-prod-ci-plan",
          "arn:aws:iam::333333333333:role/notes-prod-ci-apply",
          "arn:aws:iam::333333333333:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_AdministratorAccess_*",
        ],
      },
    ]);
  });

  it("reads only its zone, and finds it among the account's zones", () => {
    expect(policy("ReadTheZone")).toMatchObject({
      actions: ["route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:ListTagsForResource"],
      resources: ["arn:aws:route53:::hostedzone/Z123"],
    });
    expect(policy("FindTheZone")).toMatchObject({ actions: ["route53:ListHostedZones"], resources: ["*"] });
    expect(policy("WaitForChanges")).toMatchObject({ actions: ["route53:GetChange"], resources: ["arn:aws:route53:::change/*"] });
  });

  it("changes records of its zone only", () => {
    expect(policy("WriteOwnRecords")).toMatchObject({ actions: ["route53:ChangeResourceRecordSets"], resources: ["arn:aws:route53:::hostedzone/Z123"] });
  });

  it("writes only its own names and their ACM validation records", () => {
    expect(condition("WriteOwnRecords", "ForAllValues:StringLike")).toEqual({
      test: "ForAllValues:StringLike",
      variable: NAMES_KEY,
      values: ["notes.example.com", "_*.notes.example.com", "www.notes.example.com", "_*.www.notes.example.com"],
    });
  });

  it("requires the names in the request, since ForAllValues holds for a missing key", () => {
    expect(condition("WriteOwnRecords", "Null")).toEqual({ test: "Null", variable: NAMES_KEY, values: ["false"] });
  });

  it("writes only A, AAAA and CNAME records", () => {
    expect(condition("WriteOwnRecords", "ForAllValues:StringEquals")).toEqual({
      test: "ForAllValues:StringEquals",
      variable: "route53:ChangeResourceRecordSetsRecordTypes",
      values: ["A", "AAAA", "CNAME"],
    });
  });

  it("is denied the names of environments under its own, and every name under them", () => {
    expect(policy("NotOtherEnvironmentsRecords")).toMatchObject({
      effect: "Deny",
      actions: ["route53:ChangeResourceRecordSets"],
      condition: [
        {
          test: "ForAnyValue:StringLike",
          variable: NAMES_KEY,
          values: ["dev.notes.example.com", "*.dev.notes.example.com", "app.dev.notes.example.com", "*.app.dev.notes.example.com"],
        },
      ],
    });
  });

  it("denies nothing when no other environment is under its names", () => {
    expect(build({ names: ["dev.notes.example.com"], otherEnvironmentNames: ["notes.example.com"] }).policy("NotOtherEnvironmentsRecords")).toBeUndefined();
  });

  it("never denies its own names, even under another environment's", () => {
    const { policy: under } = build({ names: ["notes.example.com", "app.dev.notes.example.com"], otherEnvironmentNames: ["dev.notes.example.com"] });
    expect(under("NotOtherEnvironmentsRecords")).toBeUndefined();
  });
});

describe("recordNamePatterns", () => {
  it("with workspace copies, also allows every name under each name", () => {
    expect(recordNamePatterns(["dev.notes.example.com"], true)).toEqual(["dev.notes.example.com", "_*.dev.notes.example.com", "*.dev.notes.example.com"]);
  });
});
