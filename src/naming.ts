/**
 * One naming helper for every resource: `<project>-<environment>[-<workspace>]-<parts>`, checked at
 * synth against the AWS rules for that kind of name, so a name AWS would refuse fails here, not at
 * apply. The validator applies the same rules to every name in a synthesized stack.
 */

export interface NameRule {
  readonly min: number;
  readonly max: number;
  readonly pattern: RegExp;
  /** What the pattern allows, in words, for error messages. */
  readonly allowed: string;
  /**
   * Where names of this kind appear in a plan: resource type and argument. `prefix` marks a
   * `name_prefix`: Terraform appends UNIQUE_SUFFIX_LENGTH characters, so the rule applies to the
   * prefix plus that suffix.
   */
  readonly appliesTo: readonly { readonly type: string; readonly attribute: string; readonly prefix?: boolean }[];
}

/**
 * Characters Terraform appends to a `name_prefix` (a timestamp and a counter, digits only):
 * `id.UniqueIDSuffixLength` of terraform-plugin-sdk, which the AWS provider's name generator
 * (internal/create/naming.go) and its prefix validators (e.g. internal/service/elbv2/validate.go:
 * a target group prefix is at most 32 - 26 = 6 characters) use.
 */
export const UNIQUE_SUFFIX_LENGTH = 26;

const ALNUM_HYPHEN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
/** RDS and ElastiCache identifiers: lowercase, a letter first, no trailing or double hyphen. */
const LOWER_HYPHEN = /^[a-z](?!.*--)(?:[a-z0-9-]*[a-z0-9])?$/;

export const NAME_RULES = {
  s3Bucket: {
    min: 3,
    max: 63,
    pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    allowed: "lowercase letters, digits and hyphens, starting and ending with a letter or digit",
    appliesTo: [{ type: "aws_s3_bucket", attribute: "bucket" }],
  },
  loadBalancer: {
    min: 1,
    max: 32,
    pattern: ALNUM_HYPHEN,
    allowed: "letters, digits and hyphens, not starting or ending with a hyphen",
    appliesTo: [{ type: "aws_lb", attribute: "name" }],
  },
  targetGroup: {
    min: 1,
    max: 32,
    pattern: ALNUM_HYPHEN,
    allowed: "letters, digits and hyphens, not starting or ending with a hyphen",
    appliesTo: [
      { type: "aws_lb_target_group", attribute: "name" },
      { type: "aws_lb_target_group", attribute: "name_prefix", prefix: true },
    ],
  },
  iamRole: {
    min: 1,
    max: 64,
    pattern: /^[\w+=,.@-]+$/,
    allowed: "letters, digits and +=,.@_-",
    appliesTo: [{ type: "aws_iam_role", attribute: "name" }],
  },
  iamPolicy: {
    min: 1,
    max: 128,
    pattern: /^[\w+=,.@-]+$/,
    allowed: "letters, digits and +=,.@_-",
    appliesTo: [{ type: "aws_iam_policy", attribute: "name" }],
  },
  securityGroup: {
    min: 1,
    max: 255,
    pattern: /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
    allowed: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
    appliesTo: [
      { type: "aws_security_group", attribute: "name" },
      { type: "aws_security_group", attribute: "name_prefix", prefix: true },
    ],
  },
  securityGroupDescription: {
    min: 0,
    max: 255,
    pattern: /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/,
    allowed: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* (no apostrophes)",
    appliesTo: [
      { type: "aws_security_group", attribute: "description" },
      { type: "aws_vpc_security_group_ingress_rule", attribute: "description" },
      { type: "aws_vpc_security_group_egress_rule", attribute: "description" },
    ],
  },
  logGroup: {
    min: 1,
    max: 512,
    pattern: /^[A-Za-z0-9._\-/#]+$/,
    allowed: "letters, digits and ._-/#",
    appliesTo: [{ type: "aws_cloudwatch_log_group", attribute: "name" }],
  },
  dynamodbTable: {
    min: 3,
    max: 255,
    pattern: /^[A-Za-z0-9_.-]+$/,
    allowed: "letters, digits and _.-",
    appliesTo: [{ type: "aws_dynamodb_table", attribute: "name" }],
  },
  tag: {
    min: 1,
    max: 256,
    pattern: /^[\p{L}\p{Z}\p{N}_.:/=+@-]+$/u,
    allowed: "letters, digits, spaces and _.:/=+-@",
    appliesTo: [],
  },
  wafName: {
    min: 1,
    max: 128,
    pattern: /^[\w-]+$/,
    allowed: "letters, digits, _ and -",
    appliesTo: [{ type: "aws_wafv2_web_acl", attribute: "name" }],
  },
  ecrRepository: {
    min: 2,
    max: 256,
    pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
    allowed: "lowercase letters, digits and single ._-/ separators",
    appliesTo: [{ type: "aws_ecr_repository", attribute: "name" }],
  },
  ecsName: {
    min: 1,
    max: 255,
    pattern: /^[A-Za-z0-9_-]+$/,
    allowed: "letters, digits, _ and -",
    appliesTo: [
      { type: "aws_ecs_cluster", attribute: "name" },
      { type: "aws_ecs_service", attribute: "name" },
      { type: "aws_ecs_task_definition", attribute: "family" },
    ],
  },
  ssmParameter: {
    min: 1,
    max: 1011,
    pattern: /^[A-Za-z0-9_./-]+$/,
    allowed: "letters, digits and _.-/",
    appliesTo: [{ type: "aws_ssm_parameter", attribute: "name" }],
  },
  scalingName: {
    min: 1,
    max: 255,
    pattern: /^[A-Za-z0-9_.:-]+$/,
    allowed: "letters, digits and _.:-",
    appliesTo: [
      { type: "aws_appautoscaling_policy", attribute: "name" },
      { type: "aws_appautoscaling_scheduled_action", attribute: "name" },
    ],
  },
  alarmName: {
    min: 1,
    max: 255,
    // eslint-disable-next-line no-control-regex -- the rule is exactly "no control characters"
    pattern: /^[^\x00-\x1f]+$/,
    allowed: "printable characters",
    appliesTo: [
      { type: "aws_cloudwatch_metric_alarm", attribute: "alarm_name" },
      { type: "aws_cloudwatch_composite_alarm", attribute: "alarm_name" },
    ],
  },
  rdsIdentifier: {
    min: 1,
    max: 63,
    pattern: LOWER_HYPHEN,
    allowed: "lowercase letters, digits and hyphens, starting with a letter, without a trailing or double hyphen",
    appliesTo: [
      { type: "aws_db_instance", attribute: "identifier" },
      { type: "aws_rds_cluster", attribute: "cluster_identifier" },
      { type: "aws_rds_cluster_instance", attribute: "identifier" },
    ],
  },
  rdsSnapshot: {
    min: 1,
    max: 255,
    pattern: /^[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/,
    allowed: "letters, digits and hyphens, starting with a letter, without a trailing or double hyphen",
    appliesTo: [
      { type: "aws_db_instance", attribute: "final_snapshot_identifier" },
      { type: "aws_rds_cluster", attribute: "final_snapshot_identifier" },
    ],
  },
  dbSubnetGroup: {
    min: 1,
    max: 255,
    pattern: /^[a-z0-9 ._-]+$/,
    allowed: "lowercase letters, digits, spaces and ._-",
    appliesTo: [{ type: "aws_db_subnet_group", attribute: "name" }],
  },
  dbParameterGroup: {
    min: 1,
    max: 255,
    pattern: LOWER_HYPHEN,
    allowed: "lowercase letters, digits and hyphens, starting with a letter, without a trailing or double hyphen",
    appliesTo: [
      { type: "aws_db_parameter_group", attribute: "name" },
      { type: "aws_rds_cluster_parameter_group", attribute: "name" },
      { type: "aws_db_parameter_group", attribute: "name_prefix", prefix: true },
      { type: "aws_rds_cluster_parameter_group", attribute: "name_prefix", prefix: true },
    ],
  },
  elasticacheReplicationGroup: {
    min: 1,
    max: 40,
    pattern: LOWER_HYPHEN,
    allowed: "lowercase letters, digits and hyphens, starting with a letter, without a trailing or double hyphen",
    appliesTo: [{ type: "aws_elasticache_replication_group", attribute: "replication_group_id" }],
  },
  elasticacheSubnetGroup: {
    min: 1,
    max: 255,
    pattern: LOWER_HYPHEN,
    allowed: "lowercase letters, digits and hyphens, starting with a letter, without a trailing or double hyphen",
    appliesTo: [{ type: "aws_elasticache_subnet_group", attribute: "name" }],
  },
  elasticacheSnapshot: {
    min: 1,
    max: 255,
    pattern: LOWER_HYPHEN,
    allowed: "lowercase letters, digits and hyphens, starting with a letter, without a trailing or double hyphen",
    appliesTo: [{ type: "aws_elasticache_replication_group", attribute: "final_snapshot_identifier" }],
  },
  elasticacheUser: {
    min: 1,
    max: 40,
    pattern: LOWER_HYPHEN,
    allowed: "lowercase letters, digits and hyphens, starting with a letter, without a trailing or double hyphen",
    appliesTo: [{ type: "aws_elasticache_user", attribute: "user_id" }],
  },
  elasticacheUserGroup: {
    min: 1,
    max: 40,
    pattern: LOWER_HYPHEN,
    allowed: "lowercase letters, digits and hyphens, starting with a letter, without a trailing or double hyphen",
    appliesTo: [{ type: "aws_elasticache_user_group", attribute: "user_group_id" }],
  },
  backupVault: {
    min: 2,
    max: 50,
    pattern: /^[A-Za-z0-9_-]+$/,
    allowed: "letters, digits, hyphens and underscores",
    appliesTo: [{ type: "aws_backup_vault", attribute: "name" }],
  },
  backupPlan: {
    min: 1,
    max: 50,
    pattern: /^[A-Za-z0-9_.-]+$/,
    allowed: "letters, digits and _.-",
    appliesTo: [
      { type: "aws_backup_plan", attribute: "name" },
      { type: "aws_backup_selection", attribute: "name" },
    ],
  },
  codebuildProject: {
    min: 2,
    max: 255,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    allowed: "letters, digits, _ and -, starting with a letter or digit",
    appliesTo: [{ type: "aws_codebuild_project", attribute: "name" }],
  },
  codebuildReportGroup: {
    min: 2,
    max: 128,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    allowed: "letters, digits, _ and -, starting with a letter or digit",
    appliesTo: [{ type: "aws_codebuild_report_group", attribute: "name" }],
  },
  codepipeline: {
    min: 1,
    max: 100,
    pattern: /^[A-Za-z0-9.@_-]+$/,
    allowed: "letters, digits and .@_-",
    appliesTo: [{ type: "aws_codepipeline", attribute: "name" }],
  },
  codestarConnection: {
    min: 1,
    max: 32,
    pattern: /^[A-Za-z0-9._-]+$/,
    allowed: "letters, digits and ._-",
    appliesTo: [{ type: "aws_codestarconnections_connection", attribute: "name" }],
  },
  notificationRule: {
    min: 1,
    max: 64,
    pattern: /^[A-Za-z0-9 _-]+$/,
    allowed: "letters, digits, spaces, _ and -",
    appliesTo: [{ type: "aws_codestarnotifications_notification_rule", attribute: "name" }],
  },
  snsTopic: {
    min: 1,
    max: 256,
    pattern: /^[A-Za-z0-9_-]+$/,
    allowed: "letters, digits, _ and -",
    appliesTo: [{ type: "aws_sns_topic", attribute: "name" }],
  },
  chatbotName: {
    min: 1,
    max: 128,
    pattern: /^[A-Za-z0-9_-]+$/,
    allowed: "letters, digits, _ and -",
    appliesTo: [{ type: "aws_chatbot_slack_channel_configuration", attribute: "configuration_name" }],
  },
  eventRule: {
    min: 1,
    max: 64,
    pattern: /^[.\-_A-Za-z0-9]+$/,
    allowed: "letters, digits and .-_",
    appliesTo: [{ type: "aws_cloudwatch_event_rule", attribute: "name" }],
  },
  dashboard: {
    min: 1,
    max: 255,
    pattern: /^[A-Za-z0-9_-]+$/,
    allowed: "letters, digits, _ and -",
    appliesTo: [{ type: "aws_cloudwatch_dashboard", attribute: "dashboard_name" }],
  },
  scalingPolicy: {
    min: 1,
    max: 255,
    pattern: /^[^:/]+$/,
    allowed: "any characters but : and /",
    appliesTo: [{ type: "aws_appautoscaling_policy", attribute: "name" }],
  },
  kmsAlias: {
    min: 7,
    max: 256,
    pattern: /^alias\/(?!aws\/)[A-Za-z0-9/_-]+$/,
    allowed: "alias/ followed by letters, digits and /_- (not alias/aws/)",
    appliesTo: [{ type: "aws_kms_alias", attribute: "name" }],
  },
  cloudTrail: {
    min: 3,
    max: 128,
    pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]$/,
    allowed: "letters, digits and ._-, starting and ending with a letter or digit",
    appliesTo: [{ type: "aws_cloudtrail", attribute: "name" }],
  },
  metricFilter: {
    min: 1,
    max: 512,
    pattern: /^[^:*]+$/,
    allowed: "any characters but : and *",
    appliesTo: [{ type: "aws_cloudwatch_log_metric_filter", attribute: "name" }],
  },
  metricNamespace: {
    min: 1,
    max: 255,
    pattern: /^(?!AWS\/)[A-Za-z0-9._\-/#: ]+$/,
    allowed: "letters, digits, spaces and ._-/#:, not starting with AWS/",
    // Not the alarm's namespace attribute: alarms on AWS metrics use AWS/ namespaces.
    appliesTo: [],
  },
} as const satisfies Record<string, NameRule>;

export type NameKind = keyof typeof NAME_RULES;

/**
 * Checks a `name_prefix` against the rule of the names it starts: the prefix plus Terraform's
 * unique suffix (digits) must fit.
 */
export function checkNamePrefix(kind: NameKind, prefix: string, reservedLength = 0): string | undefined {
  const rule: NameRule = NAME_RULES[kind];
  const room = rule.max - UNIQUE_SUFFIX_LENGTH;
  const workspace = reservedLength > 0 ? ` plus up to ${reservedLength} for the workspace` : "";
  if (prefix.length + reservedLength > room) {
    return `is ${prefix.length} characters${workspace}; a ${kind} name_prefix allows at most ${room} (${rule.max} less the ${UNIQUE_SUFFIX_LENGTH} Terraform appends)`;
  }
  // The suffix is digits: the whole name must still fit the pattern.
  if (!rule.pattern.test(`${prefix}0`)) return `may only hold ${rule.allowed}`;
  return undefined;
}

/** Checks a fully literal name against a rule; returns the problem, or undefined if it is fine. */
export function checkName(kind: NameKind, name: string, reservedLength = 0): string | undefined {
  const rule: NameRule = NAME_RULES[kind];
  const length = name.length + reservedLength;
  const workspace = reservedLength > 0 ? ` plus up to ${reservedLength} for the workspace` : "";
  if (length > rule.max) return `is ${name.length} characters${workspace}; a ${kind} name allows at most ${rule.max}`;
  if (name.length < rule.min) return `is ${name.length} characters; a ${kind} name needs at least ${rule.min}`;
  if (!rule.pattern.test(name)) return `may only hold ${rule.allowed}`;
  return undefined;
}

export class NamingError extends Error {}

/**
 * A literal `name_prefix` where the project and environment do not fit (a target group's prefix
 * allows 6 characters): checked like any name; the resource's tags say whose it is.
 */
export function shortNamePrefix(kind: NameKind, prefix: string): string {
  const problem = checkNamePrefix(kind, prefix);
  if (problem) throw new NamingError(`name prefix "${prefix}" ${problem}: shorten it`);
  return prefix;
}

export interface NamingProps {
  readonly project: string;
  readonly environment: string;
  /**
   * Inserted after the environment: a token that resolves to "" in the default workspace and to
   * "-<workspace>" in any other. Empty where the environment refuses other workspaces.
   * @default ""
   */
  readonly workspaceSuffix?: string;
  /**
   * Characters the workspace suffix may add at most; every length check counts them.
   * @default 0
   */
  readonly workspaceSuffixMaxLength?: number;
}

export class Naming {
  /** `<project>-<environment>`: the literal start of every name. */
  public readonly prefix: string;
  private readonly suffix: string;
  private readonly reserved: number;

  constructor(props: NamingProps) {
    this.prefix = `${props.project}-${props.environment}`;
    this.suffix = props.workspaceSuffix ?? "";
    this.reserved = props.workspaceSuffixMaxLength ?? 0;
  }

  /** `<project>-<environment>[-<workspace>]-<parts...>`, checked against the rule for `kind`. */
  public name(kind: NameKind, ...parts: string[]): string {
    const literal = [this.prefix, ...parts].join("-");
    const problem = checkName(kind, literal, this.reserved);
    if (problem) {
      throw new NamingError(`name "${literal}" ${problem}: shorten the project name or the part "${parts.join("-")}"`);
    }
    return [`${this.prefix}${this.suffix}`, ...parts].join("-");
  }

  /**
   * A `name_prefix`, `<project>-<environment>[-<workspace>]-<parts...>-`: Terraform appends a unique
   * suffix, so a replacement with create_before_destroy never collides with the name it replaces.
   */
  public namePrefix(kind: NameKind, ...parts: string[]): string {
    const literal = `${[this.prefix, ...parts].join("-")}-`;
    const problem = checkNamePrefix(kind, literal, this.reserved);
    if (problem) throw new NamingError(`name prefix "${literal}" ${problem}: shorten the project name or the part "${parts.join("-")}"`);
    return `${[`${this.prefix}${this.suffix}`, ...parts].join("-")}-`;
  }

  /** A KMS alias, `alias/<project>-<environment>[-<workspace>]/<purpose>`. */
  public kmsAlias(purpose: string): string {
    const literal = `alias/${this.prefix}/${purpose}`;
    const problem = checkName("kmsAlias", literal, this.reserved);
    if (problem) throw new NamingError(`name "${literal}" ${problem}: shorten the purpose "${purpose}"`);
    return `alias/${this.prefix}${this.suffix}/${purpose}`;
  }

  /** A CloudWatch metric namespace, `<project>/<environment>[-<workspace>]/<parts...>`. */
  public metricNamespace(...parts: string[]): string {
    const literal = [this.prefix.replace("-", "/"), ...parts].join("/");
    const problem = checkName("metricNamespace", literal, this.reserved);
    if (problem) throw new NamingError(`name "${literal}" ${problem}: shorten "${parts.join("/")}"`);
    return [`${this.prefix.replace("-", "/")}${this.suffix}`, ...parts].join("/");
  }

  /** A log group path, `/<project>/<environment>[-<workspace>]/<parts...>`. */
  public logGroup(...parts: string[]): string {
    const literal = `/${[this.prefix.replace("-", "/"), ...parts].join("/")}`;
    const problem = checkName("logGroup", literal, this.reserved);
    if (problem) throw new NamingError(`name "${literal}" ${problem}: shorten "${parts.join("/")}"`);
    return `/${this.path(...parts)}`;
  }

  /** A path-like name, `<project>/<environment>[-<workspace>]/<parts...>` (metric namespaces). */
  public path(...parts: string[]): string {
    return [`${this.prefix.replace("-", "/")}${this.suffix}`, ...parts].join("/");
  }
}
