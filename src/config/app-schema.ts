import { z } from "zod";
import { INSTANCE_TYPES, tasksPerHost } from "./instance-types";
import { AWS_REGION, between, logRetention } from "./primitives";

/** Fargate's CPU units and the memory (MiB) each allows. */
export const FARGATE_MEMORY: Record<number, { min: number; max: number; step: number }> = {
  256: { min: 512, max: 2048, step: 512 },
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
};
const validMemory = (cpu: number, memory: number) => {
  const range = FARGATE_MEMORY[cpu];
  if (!range) return false;
  // 256 CPU units allow 512, 1024 and 2048 MiB.
  if (cpu === 256) return [512, 1024, 2048].includes(memory);
  return memory >= range.min && memory <= range.max && memory % range.step === 0;
};

/** Platform-provided secrets an app secret may reference by name instead of an ARN. */
export const PLATFORM_SECRETS = ["database"] as const;

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
const SECRET_LIKE = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)/;

/** Region and account of a secret or parameter ARN. */
const SECRET_PLACE = /^arn:aws:(?:secretsmanager|ssm):([a-z0-9-]+):(\d{12}):/;

const secretReference = z.union(
  [
    z
      .object({
        /** ARN of a Secrets Manager secret or an SSM SecureString parameter of this account and region. */
        arn: z
          .string()
          .regex(
            /^arn:aws:(secretsmanager:[a-z0-9-]+:\d{12}:secret:.+|ssm:[a-z0-9-]+:\d{12}:parameter\/.+)$/,
            "must be a Secrets Manager secret ARN (arn:aws:secretsmanager:...) or an SSM parameter ARN (arn:aws:ssm:...:parameter/...)",
          ),
        jsonKey: z.string().optional().describe("for a JSON secret, the key to inject"),
      })
      .strict(),
    z
      .object({
        platform: z.enum(PLATFORM_SECRETS).describe("a secret the platform creates, e.g. `database` (the RDS-managed master secret)"),
        jsonKey: z.string().optional(),
      })
      .strict(),
  ],
  `must be { arn: "arn:aws:secretsmanager:<region>:<account>:secret:<name>" } or { arn: "arn:aws:ssm:<region>:<account>:parameter/<name>" }, or { platform: ${PLATFORM_SECRETS.map((s) => `"${s}"`).join(" | ")} }`,
);

/** How ECS replaces the tasks on a release (deployment_configuration.strategy). */
export const DEPLOYMENT_STRATEGIES = ["BLUE_GREEN", "CANARY", "LINEAR", "ROLLING"] as const;
export type DeploymentStrategy = (typeof DEPLOYMENT_STRATEGIES)[number];

/**
 * Deployment lifecycle stages a hook may run at (ECS DeploymentLifecycleHook.lifecycleStages).
 * TEST_TRAFFIC_SHIFT and POST_TEST_TRAFFIC_SHIFT are left out: they need a test listener rule,
 * which the load balancer does not have.
 */
export const HOOK_STAGES = ["RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT"] as const;

/** EC2 Auto Scaling Spot allocation strategies (instances_distribution.spot_allocation_strategy). */
export const SPOT_ALLOCATION_STRATEGIES = ["price-capacity-optimized", "capacity-optimized", "capacity-optimized-prioritized", "lowest-price"] as const;

/** A percentage within the range AWS accepts for it (the provider's FloatBetween). */
const percent = (min: number, max: number) => z.number().min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`);

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time hh:mm (24h)");

export const appSchema = z
  .object({
    containerPort: between(1024, 65535).describe("port the container serves HTTP on; unprivileged so the app needs no root"),
    healthCheckPath: z
      .string()
      .regex(/^\/[A-Za-z0-9._~/-]*$/, "must be an absolute URL path such as /health")
      .describe("path the load balancer and the container health check request; 2xx-3xx means healthy"),
    cpu: z
      .union([z.literal(256), z.literal(512), z.literal(1024), z.literal(2048), z.literal(4096)], "must be one of 256, 512, 1024, 2048, 4096")
      .describe("CPU units of each task (1024 = one vCPU): 256, 512, 1024, 2048 or 4096"),
    memoryMiB: between(512, 30720).describe("must be a size Fargate offers for the CPU (e.g. 512-2048 for 256 CPU units)"),
    cpuArchitecture: z
      .enum(["X86_64", "ARM64"], "must be X86_64 or ARM64")
      .describe("ARM64 (Graviton) is about 20% cheaper for the same work, if the image is built for it"),
    minTasks: between(1, 100).describe("the fewest tasks the service runs (autoscaling's minimum)"),
    maxTasks: between(1, 400).describe("the most tasks autoscaling may run; prod needs at least 4x minTasks"),
    environment: z
      .record(
        z.string().regex(ENV_NAME, "names must be UPPER_SNAKE_CASE"),
        // They end up inside a jsonencode() expression, where these break the plan.
        z.string().regex(/^(?!.*%\{)[^"\\]*$/, 'values may not hold ", \\ or %{'),
      )
      .describe("non-secret environment variables of the app, { NAME: value } (anything secret goes in secrets)"),
    secrets: z
      .record(z.string().regex(ENV_NAME, "names must be UPPER_SNAKE_CASE"), secretReference)
      .describe("secrets injected by reference at task start; never values"),
    scratchPath: z
      .string()
      .regex(/^\/[A-Za-z0-9._/-]+$/, "must be an absolute path such as /tmp")
      .optional()
      .describe("the one writable path, a volume on the task's ephemeral storage; the root filesystem is read-only (docs/app-contract.md)"),
    deploymentStrategy: z
      .enum(DEPLOYMENT_STRATEGIES, `must be one of ${DEPLOYMENT_STRATEGIES.join(", ")}`)
      .describe(
        "how a release replaces the tasks, ECS-native through the listener rule: BLUE_GREEN (all at once once healthy), CANARY (canary.percent first), LINEAR (linear.stepPercent at a time) or ROLLING (in place)",
      ),
    bakeTimeMinutes: between(0, 1440).describe("minutes blue/green keeps the old tasks after the switch, ready to roll back to"),
    /** CANARY's first step: the share of production traffic (0.1-100 %) and how long it bakes (minutes). */
    canary: z
      .object({ percent: percent(0.1, 100), bakeTimeMinutes: between(0, 1440) })
      .strict()
      .optional(),
    /** LINEAR's steps: the share moved at each step (3-100 %) and the minutes between steps. */
    linear: z
      .object({ stepPercent: percent(3, 100), stepBakeTimeMinutes: between(0, 1440) })
      .strict()
      .optional(),
    /**
     * A pre-traffic test: a Lambda function ECS invokes at `stage` of every BLUE_GREEN, CANARY or
     * LINEAR deployment; it answers SUCCEEDED, FAILED (the deployment rolls back) or IN_PROGRESS
     * (asked again). Contract: docs/operations.md, "Releases".
     * @default none
     */
    testHook: z
      .object({
        /** The function (unqualified, or with a version or alias) in the environment's account and region. */
        lambdaArn: z
          .string()
          .regex(
            /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/,
            "must be a Lambda function ARN such as arn:aws:lambda:eu-central-1:111111111111:function:smoke-test",
          ),
        /** When it runs; POST_SCALE_UP: the new tasks are up and no user traffic has reached them yet. */
        stage: z.enum(HOOK_STAGES, `must be one of ${HOOK_STAGES.join(", ")}`),
      })
      .strict()
      .optional(),
    healthCheckGraceSeconds: between(0, 2147483647).describe("seconds after a task starts before failing load balancer health checks count"),
    execEnabled: z
      .boolean()
      .describe("ECS Exec (a shell in running tasks) for debugging; AWS supports it only with app.readOnlyRootFilesystem false, so never in prod"),
    readOnlyRootFilesystem: z
      .boolean()
      .describe("the app container's root filesystem is read-only (app.scratchPath is its writable place); true in prod, false only to allow app.execEnabled"),
    capacity: z
      .object({
        fargateBase: between(0, 100000).describe("tasks always on FARGATE (on-demand); at least 1 in prod"),
        fargateWeight: between(0, 1000).describe("share of the tasks above the base on FARGATE"),
        spotWeight: between(0, 1000).describe("share of the tasks above the base on FARGATE_SPOT (cheaper, can be reclaimed)"),
        /**
         * Run the service on EC2 hosts instead: an Auto Scaling group (mixed on-demand and Spot)
         * behind an ECS capacity provider with managed scaling. The cluster keeps FARGATE and
         * FARGATE_SPOT, but a service's strategy cannot mix them with EC2, so the Fargate weights
         * must be 0. Pays off for a steady base load; Fargate Spot is cheaper when small or spiky.
         * @default none: Fargate only
         */
        ec2: z
          .object({
            /** Types the group may launch, all of one architecture (app.cpuArchitecture); one is enough, more widen Spot's choice. */
            instanceTypes: z
              .array(z.string().refine((t) => t in INSTANCE_TYPES, `must be one of ${Object.keys(INSTANCE_TYPES).join(", ")}`))
              .min(1, "must name at least one instance type")
              .max(20, "must name at most 20 instance types"),
            minHosts: between(0, 1000),
            maxHosts: between(1, 1000),
            /** Hosts always on-demand, whatever the Spot share. */
            onDemandBase: between(0, 1000),
            /** Share of hosts above the base that are on-demand (%); the rest are Spot. */
            onDemandPercentAboveBase: between(0, 100),
            spotAllocationStrategy: z.enum(SPOT_ALLOCATION_STRATEGIES, `must be one of ${SPOT_ALLOCATION_STRATEGIES.join(", ")}`),
            /** Managed scaling keeps the hosts this full (%); below 100 keeps room to start tasks at once. */
            targetCapacityPercent: between(1, 100),
          })
          .strict()
          .optional(),
      })
      .strict()
      .describe("the capacity provider split: { fargateBase, fargateWeight, spotWeight }"),
    scaling: z
      .object({
        cpuTarget: between(10, 90).describe("target average CPU utilization (%)"),
        memoryTarget: between(10, 90).describe("target average memory utilization (%)"),
        requestsPerTarget: between(1, 1000000).describe("target ALB requests per task per minute"),
        schedule: z
          .object({
            timezone: z
              .string()
              .regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, "must be an IANA timezone such as Europe/Berlin")
              .describe("IANA timezone of start and end, e.g. Europe/Berlin"),
            days: z
              .string()
              .regex(/^(MON|TUE|WED|THU|FRI|SAT|SUN)(-(MON|TUE|WED|THU|FRI|SAT|SUN))?(,(MON|TUE|WED|THU|FRI|SAT|SUN))*$/, "must be cron days such as MON-FRI")
              .describe("cron days, e.g. MON-FRI"),
            start: time.describe("when business hours start, hh:mm"),
            end: time.describe("when business hours end, hh:mm"),
            minTasks: between(1, 400).describe("the fewest tasks during business hours"),
          })
          .strict()
          .optional()
          .describe("business hours: at least `minTasks` tasks from `start` to `end` on `days`, back to app.minTasks after"),
      })
      .strict()
      .describe("autoscaling: { cpuTarget, memoryTarget, requestsPerTarget, schedule }"),
  })
  .strict();

export const edgeSchema = z
  .object({
    sslPolicy: z
      .enum(
        ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06"],
        "must be a TLS 1.3 policy",
      )
      .describe("TLS policy of the HTTPS listener; TLS 1.3 with 1.2 for older clients by default"),
    alternativeNames: z
      .array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "must be DNS names"))
      .describe("extra names the certificate and alias records cover, e.g. www.<domain> in prod"),
    accessLogExpirationDays: between(1, 3650).describe("days load balancer access logs are kept"),
    deregistrationDelaySeconds: between(0, 3600).describe("seconds the load balancer keeps draining a deregistered task"),
    wafRateLimit: between(10, 2000000000).describe("requests per 5 minutes from one IP before WAF blocks it"),
    anonymousIpAction: z
      .enum(["block", "count"], 'must be "block" (WAF refuses VPNs, Tor, proxies and hosting providers) or "count" (it only counts them, to check first)')
      .describe("what the WAF does with requests from anonymous IPs (AWSManagedRulesAnonymousIpList): block, or count to watch first"),
    wafLogRetentionDays: logRetention.describe("days the WAF log group keeps its logs; at least 365 in prod"),
    keepReleases: between(1, 1000).describe("tagged releases kept in ECR; older ones expire"),
  })
  .strict();

type Problem = (path: (string | number)[], message: string, input?: unknown) => void;

/** Cross-field rules of the application tier. */
export function checkApp(env: { name?: string; accountId?: string; region?: string; app?: Partial<z.infer<typeof appSchema>> }, problem: Problem): void {
  const app = env.app;
  if (!app) return;
  for (const [name, ref] of Object.entries(app.secrets ?? {})) {
    const place = "arn" in ref ? SECRET_PLACE.exec(ref.arn) : null;
    if (place && env.accountId && env.region && (place[1] !== env.region || place[2] !== env.accountId)) {
      problem(
        ["app", "secrets", name, "arn"],
        `must be in this environment's account ${env.accountId} and region ${env.region}, not account ${place[2]} and region ${place[1]}: ` +
          "the execution role reads secrets only there (another account's secret would need its resource policy and a customer managed key that grant this role; another region's fails with that region); " +
          "replicate the secret into this region (Secrets Manager replica regions) or create the parameter here",
      );
    }
  }
  if (typeof app.cpu === "number" && typeof app.memoryMiB === "number" && !validMemory(app.cpu, app.memoryMiB)) {
    const r = FARGATE_MEMORY[app.cpu];
    const allowed = app.cpu === 256 ? "512, 1024 or 2048" : `${r.min} to ${r.max} in steps of ${r.step}`;
    problem(["app", "memoryMiB"], `must be ${allowed} MiB for ${app.cpu} CPU units (Fargate task sizes)`, app.memoryMiB);
  }
  if (typeof app.minTasks === "number" && typeof app.maxTasks === "number") {
    if (app.maxTasks < app.minTasks) {
      problem(["app", "maxTasks"], `must be at least app.minTasks (${app.minTasks})`, app.maxTasks);
    } else if (env.name === "prod" && app.maxTasks < 4 * app.minTasks) {
      problem(["app", "maxTasks"], `must be at least 4x app.minTasks (${4 * app.minTasks}) in prod, to serve an event peak`, app.maxTasks);
    }
    const schedule = app.scaling?.schedule;
    if (schedule && (schedule.minTasks < app.minTasks || schedule.minTasks > app.maxTasks)) {
      problem(
        ["app", "scaling", "schedule", "minTasks"],
        `must be between app.minTasks (${app.minTasks}) and app.maxTasks (${app.maxTasks})`,
        schedule.minTasks,
      );
    }
  }
  // AWS's ECS Exec considerations: the SSM agent must write into the container's filesystem, so a
  // read-only root filesystem (readonlyRootFilesystem, or any other way) is not supported. The
  // tasks would start, and every execute-command session would fail.
  if (app.execEnabled === true && app.readOnlyRootFilesystem === true) {
    problem(
      ["app", "execEnabled"],
      "cannot be on while app.readOnlyRootFilesystem is true: AWS does not support ECS Exec on a read-only root filesystem (its SSM agent writes into the container); " +
        "set app.execEnabled to false, or app.readOnlyRootFilesystem to false where a shell is worth a writable root (never prod)",
      true,
    );
  }
  if (env.name === "prod" && app.readOnlyRootFilesystem === false) {
    problem(
      ["app", "readOnlyRootFilesystem"],
      "must be true in prod: a compromised app must not be able to change its own image (so no ECS Exec there)",
      false,
    );
  }
  if (app.scaling?.schedule && app.scaling.schedule.start >= app.scaling.schedule.end) {
    problem(["app", "scaling", "schedule", "end"], `must be after start (${app.scaling.schedule.start})`, app.scaling.schedule.end);
  }
  for (const name of Object.keys(app.environment ?? {})) {
    if (SECRET_LIKE.test(name)) {
      problem(
        ["app", "environment", name],
        "looks like a secret: move it to app.secrets as an ARN reference; environment values are stored in plain text",
        name,
      );
    }
  }
  for (const name of Object.keys(app.secrets ?? {})) {
    if (app.environment && name in app.environment) problem(["app", "secrets", name], "is also set in app.environment; keep one", name);
  }
  if (app.capacity?.ec2) {
    checkEc2Capacity(env.name, app, app.capacity.ec2, problem);
  } else if (app.capacity && app.capacity.fargateWeight + app.capacity.spotWeight === 0) {
    problem(["app", "capacity"], "needs a fargateWeight or spotWeight above 0 (or app.capacity.ec2)", app.capacity);
  } else if (env.name === "prod" && app.capacity && app.capacity.fargateBase < 1) {
    problem(["app", "capacity", "fargateBase"], "must be at least 1 in prod: Spot capacity can be reclaimed all at once", app.capacity.fargateBase);
  }
  checkDeployment(env, app, problem);
}

export type AppConfig = z.infer<typeof appSchema>;
type Ec2Capacity = NonNullable<AppConfig["capacity"]["ec2"]>;

/** Hosts that can hold the tasks, of one architecture, enough of them, some on-demand in prod. */
function checkEc2Capacity(name: string | undefined, app: Partial<AppConfig>, ec2: Ec2Capacity, problem: Problem): void {
  const path = ["app", "capacity", "ec2"];
  for (const field of ["fargateBase", "fargateWeight", "spotWeight"] as const) {
    if (app.capacity && app.capacity[field] !== 0) {
      problem(
        ["app", "capacity", field],
        "must be 0 with app.capacity.ec2: a service's capacity provider strategy cannot mix Fargate and Auto Scaling group providers",
        app.capacity[field],
      );
    }
  }
  if (ec2.maxHosts < ec2.minHosts) problem([...path, "maxHosts"], `must be at least app.capacity.ec2.minHosts (${ec2.minHosts})`, ec2.maxHosts);
  if (ec2.onDemandBase > ec2.maxHosts) problem([...path, "onDemandBase"], `must be at most app.capacity.ec2.maxHosts (${ec2.maxHosts})`, ec2.onDemandBase);
  if (name === "prod" && ec2.onDemandBase < 1) {
    problem([...path, "onDemandBase"], "must be at least 1 in prod: Spot capacity can be reclaimed all at once", ec2.onDemandBase);
  }
  if (typeof app.cpu !== "number" || typeof app.memoryMiB !== "number") return;
  let fewest = Infinity;
  ec2.instanceTypes.forEach((type, i) => {
    const facts = INSTANCE_TYPES[type];
    if (!facts) return;
    if (app.cpuArchitecture && facts.architecture !== app.cpuArchitecture) {
      problem(
        [...path, "instanceTypes", i],
        `is ${facts.architecture}, but app.cpuArchitecture is ${app.cpuArchitecture}: the image runs on one architecture`,
        type,
      );
      return;
    }
    const fit = tasksPerHost(facts, app.cpu ?? 0, app.memoryMiB ?? 0);
    if (fit < 1) {
      problem(
        [...path, "instanceTypes", i],
        `cannot hold a task of ${app.cpu} CPU units and ${app.memoryMiB} MiB (src/config/instance-types.ts: CPU, memory less the ECS reserve, ENIs); choose a larger type`,
        type,
      );
    }
    fewest = Math.min(fewest, fit);
  });
  // Every strategy starts the new tasks beside the old ones (up to 200%): a release at the maximum
  // needs hosts for twice app.maxTasks, or its new tasks wait for capacity that never comes.
  if (Number.isFinite(fewest) && fewest >= 1 && typeof app.maxTasks === "number" && ec2.maxHosts * fewest < 2 * app.maxTasks) {
    const needed = Math.ceil((2 * app.maxTasks) / fewest);
    problem(
      [...path, "maxHosts"],
      `must be at least ${needed}: a release at app.maxTasks (${app.maxTasks}) runs twice as many tasks, old and new side by side, at ${fewest} task(s) per host`,
      ec2.maxHosts,
    );
  }
}

/** Each strategy's settings present, and only its own; a hook only where ECS runs hooks. */
function checkDeployment(env: { name?: string; region?: string }, app: Partial<AppConfig>, problem: Problem): void {
  const strategy = app.deploymentStrategy;
  if (!strategy) return;
  if (strategy === "CANARY" && !app.canary) problem(["app", "canary"], "must be set for deploymentStrategy CANARY, e.g. { percent: 10, bakeTimeMinutes: 10 }");
  if (strategy !== "CANARY" && app.canary)
    problem(["app", "canary"], `is only read by deploymentStrategy CANARY; remove it or change the strategy (${strategy})`, app.canary);
  if (strategy === "LINEAR" && !app.linear)
    problem(["app", "linear"], "must be set for deploymentStrategy LINEAR, e.g. { stepPercent: 25, stepBakeTimeMinutes: 5 }");
  if (strategy !== "LINEAR" && app.linear)
    problem(["app", "linear"], `is only read by deploymentStrategy LINEAR; remove it or change the strategy (${strategy})`, app.linear);
  const hook = app.testHook;
  if (!hook) return;
  if (strategy === "ROLLING") {
    problem(["app", "testHook"], "needs deploymentStrategy BLUE_GREEN, CANARY or LINEAR: ECS runs lifecycle hooks only there", hook);
  }
  const region = /^arn:aws:lambda:([a-z0-9-]+):/.exec(hook.lambdaArn)?.[1];
  if (region && env.region && AWS_REGION.test(env.region) && region !== env.region) {
    problem(["app", "testHook", "lambdaArn"], `must be a function in the environment's region ${env.region}`, hook.lambdaArn);
  }
}
