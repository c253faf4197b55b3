import { Construct } from "constructs";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Naming } from "../naming";
import { ciRoleName } from "./ci-access";

/** The record types the environments write: A and AAAA aliases, CNAMEs of ACM validation. */
export const RECORD_TYPES = ["A", "AAAA", "CNAME"] as const;

/**
 * `<project>-<environment>-dns`: the role in the zone's account that the environment's `dns`
 * provider assumes. The same in every workspace, so preview copies use it too.
 */
export function dnsRoleName(project: string, environment: string): string {
  return new Naming({ project, environment }).name("iamRole", "dns");
}

/** The ARN of `dnsRoleName` in the zone's account (`state.dns.accountId`). */
export function dnsRoleArn(zoneAccountId: string, project: string, environment: string): string {
  return `arn:aws:iam::${zoneAccountId}:role/${dnsRoleName(project, environment)}`;
}

/** `name` is `parent` or a name under it. */
function within(name: string, parent: string): boolean {
  return name === parent || name.endsWith(`.${parent}`);
}

/**
 * The values of `route53:ChangeResourceRecordSetsNormalizedRecordNames` an environment's records
 * may have. Route 53 normalizes them lowercase, without the trailing dot, and escapes every
 * character but a-z, 0-9, `-`, `_` and `.` as a three-digit octal code (`*` is `\052`): the
 * names here are lowercase DNS names (the config checks them), and `*` is IAM's wildcard of
 * StringLike. Each name itself, its ACM validation record `_<token>.<name>`, and with workspace
 * copies every name under it (`<workspace>.<name>`, whose validation records fall under it too).
 */
export function recordNamePatterns(names: readonly string[], workspaceCopies: boolean): string[] {
  return names.flatMap((name) => [name, `_*.${name}`, ...(workspaceCopies ? [`*.${name}`] : [])]);
}

export interface DnsRecordWriterProps {
  readonly project: string;
  readonly environment: string;
  /** The environment's account: its CI roles and operators assume this role from there. */
  readonly environmentAccountId: string;
  /**
   * Roles (path/name, IAM wildcards allowed) of the environment's account, besides its ci-plan and
   * ci-apply, that may assume this role: the people who deploy the environment by hand.
   * @default none
   */
  readonly operatorRoles?: readonly string[];
  /** The hosted zone's ARN: the only zone this role reads and writes. */
  readonly zoneArn: string;
  /** Every name the environment serves (config `environmentNames`). */
  readonly names: readonly string[];
  /** The environment allows workspace copies, served on `<workspace>.<name>`. */
  readonly workspaceCopies: boolean;
  /**
   * Names of the other environments: where one lies under this environment's names (prod at the
   * apex, dev under it), it and every name under it are denied, so prod cannot write dev's records.
   * @default none
   */
  readonly otherEnvironmentNames?: readonly string[];
}

/**
 * The role in the zone's account through which one environment reads the zone and writes its own
 * records: A, AAAA and CNAME records of its names only (`route53:ChangeResourceRecordSets*`
 * condition keys, Route 53 developer guide "Using IAM policy conditions for fine-grained access
 * control"), assumable only from the environment's account by its CI roles and operators.
 */
export class DnsRecordWriter extends Construct {
  public readonly role: IamRole;
  /** The `route53:ChangeResourceRecordSetsNormalizedRecordNames` values the role may write. */
  public readonly namePatterns: string[];

  constructor(scope: Construct, id: string, props: DnsRecordWriterProps) {
    super(scope, id);
    const account = props.environmentAccountId;
    const deployers = [
      ...(["plan", "apply"] as const).map((role) => `arn:aws:iam::${account}:role/${ciRoleName(props.project, props.environment, role)}`),
      ...(props.operatorRoles ?? []).map((role) => `arn:aws:iam::${account}:role/${role}`),
    ];
    // The account as principal, narrowed by aws:PrincipalArn: a principal may not hold wildcards,
    // and a role ARN principal would break when that role is recreated.
    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          sid: "EnvironmentDeployers",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${account}:root`] }],
          condition: [{ test: "ArnLike", variable: "aws:PrincipalArn", values: deployers }],
        },
      ],
    });
    this.role = new IamRole(this, "role", {
      name: dnsRoleName(props.project, props.environment),
      description: `Writes the records of ${props.environment} in the hosted zone`,
      assumeRolePolicy: trust.json,
    });

    this.namePatterns = recordNamePatterns(props.names, props.workspaceCopies);
    const denied = (props.otherEnvironmentNames ?? []).filter(
      (other) => props.names.some((own) => own !== other && within(other, own)) && !props.names.some((own) => within(own, other)),
    );
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: "ReadTheZone",
        actions: ["route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:ListTagsForResource"],
        resources: [props.zoneArn],
      },
      // The zone data source finds the zone by name among all (ListHostedZones has no resource
      // level); record changes are waited for with GetChange.
      { sid: "FindTheZone", actions: ["route53:ListHostedZones"], resources: ["*"] },
      { sid: "WaitForChanges", actions: ["route53:GetChange"], resources: ["arn:aws:route53:::change/*"] },
      {
        sid: "WriteOwnRecords",
        actions: ["route53:ChangeResourceRecordSets"],
        resources: [props.zoneArn],
        condition: [
          { test: "ForAllValues:StringLike", variable: "route53:ChangeResourceRecordSetsNormalizedRecordNames", values: this.namePatterns },
          { test: "ForAllValues:StringEquals", variable: "route53:ChangeResourceRecordSetsRecordTypes", values: [...RECORD_TYPES] },
          // ForAllValues holds for a missing key too: require it.
          { test: "Null", variable: "route53:ChangeResourceRecordSetsNormalizedRecordNames", values: ["false"] },
        ],
      },
    ];
    if (denied.length) {
      statements.push({
        sid: "NotOtherEnvironmentsRecords",
        effect: "Deny",
        actions: ["route53:ChangeResourceRecordSets"],
        resources: [props.zoneArn],
        condition: [
          {
            test: "ForAnyValue:StringLike",
            variable: "route53:ChangeResourceRecordSetsNormalizedRecordNames",
            values: denied.flatMap((name) => [name, `*.${name}`]),
          },
        ],
      });
    }
    new IamRolePolicy(this, "records", {
      name: "records",
      role: this.role.id,
      policy: new DataAwsIamPolicyDocument(this, "records-policy", { statement: statements }).json,
    });
  }
}
