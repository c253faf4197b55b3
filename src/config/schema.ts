import { z } from "zod";
import { appSchema, checkApp, edgeSchema } from "./app-schema";
import { parseCidr } from "./cidr";
import { checkPipeline, pipelineSchema } from "./pipeline-schema";
import { between, cidr, domainName, logRetention, region } from "./primitives";
import { RESERVED_AZ_SLOTS, subnetLayout } from "./subnet-layout";

/** The environments this project deploys; each is one stack of the same name. */
export const ENVIRONMENT_NAMES = ["dev", "test", "prod"] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

export const networkSchema = z
  .object({
    /** VPC address range; subnets are carved from it deterministically. */
    cidr,
    /** Availability zones used; prod needs at least 3 to survive the loss of one. */
    azCount: between(2, 6),
    /** `single` (one NAT gateway, cheap, one AZ's failure cuts egress) or `perAz` (one per AZ). */
    natGateways: z.enum(["single", "perAz"], "must be one of single, perAz"),
    /** Extra prefix bits of each tier's subnets over the VPC prefix (4 on a /16 gives /20 subnets). */
    subnetNewBits: z.object({ private: between(1, 12), public: between(1, 12), isolated: between(1, 12) }).strict(),
    /** Interface endpoints (ECR, Logs, Secrets Manager, SSM): keep that traffic off the NAT; cost per AZ-hour. */
    interfaceEndpoints: z.boolean(),
    /** Retention of the VPC flow log group. */
    flowLogRetentionDays: logRetention,
  })
  .strict();

export const environmentSchema = z
  .object({
    name: z.enum(ENVIRONMENT_NAMES, `must be one of ${ENVIRONMENT_NAMES.join(", ")}`),
    /** Short lowercase project name; the first part of every resource name. */
    project: z.string().regex(/^[a-z][a-z0-9]{1,11}$/, "must be 2-12 lowercase letters or digits, starting with a letter"),
    /** The only AWS account this environment may ever be applied to (provider allowed_account_ids). */
    accountId: z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id"),
    region,
    /** Region that backups are copied to and that the service can be moved to in an emergency. */
    drRegion: region,
    /** The GitHub repository the app and this infrastructure come from (tags, pipelines, OIDC). */
    repository: z
      .object({
        owner: z.string().regex(/^[A-Za-z0-9-]{1,39}$/, "must be a GitHub owner name"),
        name: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, "must be a GitHub repository name"),
        branch: z.string().min(1, "must not be empty"),
      })
      .strict(),
    dns: z
      .object({
        /** Name the app is served on, e.g. dev.notes.example.com. */
        domain: domainName,
        /** Route53 hosted zone the records go into; the domain must be inside it. */
        zone: domainName,
        /** Create the hosted zone (true) or look an existing one up by name (false). */
        createZone: z.boolean(),
      })
      .strict(),
    /** The load balancer, TLS, WAF and image registry in front of the app. */
    edge: edgeSchema,
    network: networkSchema,
    workspaces: z
      .object({
        /**
         * Whether this environment may be planned in workspaces other than `default` (isolated
         * copies, e.g. a preview per pull request). Every name then carries the workspace.
         */
        allowNonDefault: z.boolean(),
      })
      .strict(),
    /** Deletion protection and prevent_destroy on stateful resources. */
    protectStatefulResources: z.boolean(),
    /** Default retention for log groups that have no setting of their own. */
    logRetentionDays: logRetention,
    /** The app on ECS Fargate behind the load balancer and WAF: the application tier. */
    app: appSchema,
    /** The release pipeline from GitHub to the app's service. */
    pipeline: pipelineSchema,
    /** Sizing of the database; used by the data tier. */
    database: z
      .object({
        instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "must be an RDS instance class such as db.t4g.medium"),
        allocatedStorageGiB: between(20, 65536),
        maxAllocatedStorageGiB: between(20, 65536),
      })
      .strict(),
    /** Sizing of Redis; used by the data tier. */
    cache: z
      .object({
        nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, "must be an ElastiCache node type such as cache.t4g.micro"),
        replicas: between(0, 5),
      })
      .strict(),
  })
  .strict()
  .superRefine((env, ctx) => {
    const problem = (path: (string | number)[], message: string, input?: unknown) =>
      ctx.addIssue({ code: "custom", path, message, input });

    if (env.drRegion === env.region) {
      problem(["drRegion"], "must differ from region, or a regional outage takes the backups with it", env.drRegion);
    }
    const domain = env.dns?.domain;
    const zone = env.dns?.zone;
    if (typeof domain === "string" && typeof zone === "string" && domain !== zone && !domain.endsWith(`.${zone}`)) {
      problem(["dns", "domain"], `must be ${zone} or a name inside it (dns.zone)`, domain);
    }
    if (env.name === "prod") {
      if (typeof env.network?.azCount === "number" && env.network.azCount < 3) {
        problem(["network", "azCount"], "must be at least 3 in prod, so the service survives the loss of an AZ", env.network.azCount);
      }
      if (env.network?.natGateways === "single") {
        problem(["network", "natGateways"], "must be perAz in prod: a single NAT gateway is a single point of failure", "single");
      }
      if (env.protectStatefulResources === false) {
        problem(["protectStatefulResources"], "must be true in prod", false);
      }
      if (env.workspaces?.allowNonDefault === true) {
        problem(["workspaces", "allowNonDefault"], "must be false in prod: prod is only ever planned in its default workspace", true);
      }
    }
    checkApp(env, problem);
    checkPipeline(env, problem);
    if (env.database && env.database.maxAllocatedStorageGiB < env.database.allocatedStorageGiB) {
      problem(["database", "maxAllocatedStorageGiB"], `must be at least database.allocatedStorageGiB (${env.database.allocatedStorageGiB})`, env.database.maxAllocatedStorageGiB);
    }
    checkSubnetLayout(env.network, problem);
  });

export type Problem = (path: (string | number)[], message: string, input?: unknown) => void;

/** The subnets must fit in the VPC, with room for RESERVED_AZ_SLOTS per tier, and be at least /28. */
function checkSubnetLayout(network: Partial<z.infer<typeof networkSchema>> | undefined, problem: Problem): void {
  if (!network?.cidr || !parseCidr(network.cidr) || !network.subnetNewBits) return;
  try {
    subnetLayout(network.cidr, network.subnetNewBits);
  } catch (e) {
    problem(
      ["network", "cidr"],
      `cannot hold the subnets (${(e as Error).message}): ${RESERVED_AZ_SLOTS} AZ slots per tier are reserved; use a larger VPC or raise network.subnetNewBits`,
      network.cidr,
    );
  }
}

/** A validated environment: what the stacks receive. */
export type EnvironmentConfig = z.infer<typeof environmentSchema>;
/** What an `environments/<env>.ts` file holds, before validation. */
export type EnvironmentInput = z.input<typeof environmentSchema>;

/** Where every environment's Terraform state lives; created once by the bootstrap stack. */
export const stateSchema = z
  .object({
    project: z.string().regex(/^[a-z][a-z0-9]{1,11}$/, "must be 2-12 lowercase letters or digits, starting with a letter"),
    /** Account holding the state bucket and lock table. */
    accountId: z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id"),
    region,
    /**
     * How Terraform locks the state: `dynamodb` (the lock table), `s3` (S3 native lock files,
     * Terraform 1.10+, which deprecates DynamoDB locking) or `both` while migrating between them.
     */
    locking: z.enum(["dynamodb", "s3", "both"], "must be one of dynamodb, s3, both"),
    /** Days a replaced state version is kept. */
    noncurrentVersionExpirationDays: between(1, 3650),
  })
  .strict();

export type StateConfig = z.infer<typeof stateSchema>;
export type StateInput = z.input<typeof stateSchema>;
