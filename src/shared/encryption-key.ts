import { Construct } from "constructs";
import { TerraformProvider } from "cdktf";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Naming } from "../naming";

export interface EncryptionKeyProps {
  readonly naming: Naming;
  /** Short purpose, used in the alias (`alias/<project>-<env>/<purpose>`) and description. */
  readonly purpose: string;
  readonly accountId: string;
  /**
   * Key policy statements for the AWS services that use this key, beside the account's own
   * administration statement. A service that encrypts with a customer managed key needs one.
   * @default none
   */
  readonly serviceStatements?: DataAwsIamPolicyDocumentStatement[];
  /**
   * prevent_destroy on the key: data encrypted with a deleted key is lost. True wherever the key
   * protects stateful data in an environment that protects its stateful resources.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Days before a scheduled deletion happens; the window in which a mistaken deletion can be undone.
   * @default 30
   */
  readonly deletionWindowDays?: number;
  /**
   * Provider of the region the key lives in, e.g. the DR region's alias for the backup copies' key.
   * @default the stack's default provider
   */
  readonly provider?: TerraformProvider;
}

/** A customer managed KMS key with rotation, an alias and a key policy the using services need. */
export class EncryptionKey extends Construct {
  public readonly key: KmsKey;
  public readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const { provider } = props;
    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      provider,
      statement: [
        {
          sid: "AccountAdministers",
          principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${props.accountId}:root`] }],
          actions: ["kms:*"],
          resources: ["*"],
        },
        ...(props.serviceStatements ?? []),
      ],
    });
    this.key = new KmsKey(this, "key", {
      description: `${props.naming.prefix} ${props.purpose}`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowDays ?? 30,
      policy: policy.json,
      lifecycle: { preventDestroy: props.protect ?? true },
      provider,
    });
    this.alias = new KmsAlias(this, "alias", { name: props.naming.kmsAlias(props.purpose), targetKeyId: this.key.keyId, provider });
  }
}

/** Lets CloudWatch Logs encrypt log groups of this account and region with the key. */
export function logsKeyStatement(region: string, accountId: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "CloudWatchLogsEncrypt",
    principals: [{ type: "Service", identifiers: [`logs.${region}.amazonaws.com`] }],
    actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    resources: ["*"],
    condition: [
      {
        test: "ArnLike",
        variable: "kms:EncryptionContext:aws:logs:arn",
        values: [`arn:aws:logs:${region}:${accountId}:log-group:*`],
      },
    ],
  };
}

/** Denies `actions` on `resources` over plain HTTP: the TLS-only statement of every resource policy. */
export function denyInsecureTransport(actions: string[], resources: string[]): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "DenyInsecureTransport",
    effect: "Deny",
    principals: [{ type: "*", identifiers: ["*"] }],
    actions,
    resources,
    condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
  };
}
