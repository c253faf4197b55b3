import { z } from "zod";
import { between, domainName, logRetention } from "./primitives";

/** CloudFront price classes, cheapest first: which edge locations serve the site. */
export const PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;

/** CloudFront's limit on the Content-Security-Policy value of a response headers policy. */
export const MAX_CSP_LENGTH = 1783;

const relativePath = (example: string) =>
  z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]+$/, `must be a path inside the repository such as ${example}, without .. or a leading /`);

/** The static front end: an S3 bucket served only through CloudFront, with its own domain and WAF. */
export const frontendSchema = z
  .object({
    /** Serve the front end; off leaves only the API. */
    enabled: z.boolean().describe("serve the static front end; off leaves only the API"),
    /** Name the front end is served on: `app.<dns.domain>` or the apex of dns.zone; inside dns.zone, not the API's dns.domain. */
    domain: domainName.describe("name the front end is served on, e.g. app.<dns.domain>, inside dns.zone"),
    /** Edge locations that serve it: PriceClass_100 (North America, Europe, Israel) is the cheapest. */
    priceClass: z
      .enum(PRICE_CLASSES, `must be one of ${PRICE_CLASSES.join(", ")}`)
      .describe("CloudFront edge locations: PriceClass_100 (cheapest), PriceClass_200 or PriceClass_All"),
    /** A single-page app: 403 and 404 from the bucket answer /index.html with 200, so client-side routes load. */
    spaRouting: z.boolean().describe("single-page app: unknown paths answer /index.html so client-side routes load"),
    /** The Content-Security-Policy header on every response. */
    contentSecurityPolicy: z
      .string()
      .max(MAX_CSP_LENGTH, `must be at most ${MAX_CSP_LENGTH} characters (CloudFront's limit)`)
      .regex(/^[\x20-\x7e]+$/, "must be one line of printable ASCII")
      .regex(/^(?!.*[$%]\{)/, "must not hold ${ or %{ (Terraform would read them)")
      .regex(/(^|;)\s*default-src /, "must set default-src, e.g. default-src 'self'")
      .describe("the Content-Security-Policy header on every response, e.g. default-src 'self'"),
    /** Retention of the CloudFront access log group (us-east-1). */
    accessLogRetentionDays: logRetention.describe("days the CloudFront access log group keeps its logs; at least 365 in prod"),
    /** Requests per 5 minutes from one IP before the CloudFront web ACL blocks it. */
    wafRateLimit: between(10, 2000000000).describe("requests per 5 minutes from one IP before the CloudFront web ACL blocks it"),
    /**
     * Serve the API behind the same distribution on this path pattern (e.g. `/api/*`), uncached,
     * with all headers, cookies and query strings forwarded, so the browser talks to one origin.
     * @default none: the API keeps only its own domain
     */
    apiPath: z
      .string()
      .regex(/^\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/\*$/, "must be a path pattern such as /api/*")
      .optional(),
    /**
     * With apiPath, who may reach the load balancer: `cloudfront-only` (its security group admits
     * only CloudFront's origin-facing managed prefix list; the API is then reachable only through
     * the distribution) or `own-domain` (it stays open on its own domain as well).
     */
    albExposure: z
      .enum(["cloudfront-only", "own-domain"], "must be cloudfront-only or own-domain")
      .describe("who may reach the load balancer: cloudfront-only (needs apiPath) or own-domain"),
    /** The front end's delivery pipeline: build, upload with cache headers, invalidate. */
    build: z
      .object({
        /** Builds the site, from the repository root. */
        command: z
          .string()
          .min(1, "must not be empty")
          .regex(/^[^\n\r]*$/, "must be one line: chain steps with &&")
          .describe("builds the site, from the repository root, e.g. cd web && npm ci && npm run build"),
        /** Folder the build writes the site to; uploaded as the bucket's content. */
        outputDir: relativePath("web/dist").describe("folder the build writes the site to, uploaded to the bucket"),
        /**
         * Files of outputDir whose names carry a content hash (an `aws s3 sync --include` pattern, e.g.
         * assets/* for Vite): uploaded cached for a year and immutable; everything else (index.html)
         * no-cache. A folder, so that index.html at the top is never among them.
         */
        hashedAssets: z
          .string()
          .regex(
            /^(?!\/)[A-Za-z0-9._*?/[\]-]*\/[A-Za-z0-9._*?/[\]-]*$/,
            "must be a pattern inside a folder of outputDir such as assets/*, so that index.html is never cached for a year",
          )
          .describe("files of outputDir named with a content hash, e.g. assets/*: cached for a year, immutable; the rest no-cache"),
        /** Repository paths (globs) whose changes rebuild the front end. */
        filePaths: z
          .array(z.string().regex(/^(?!\/)[A-Za-z0-9._*?/{},[\]-]+$/, "must be repository-relative globs such as web/**"))
          .min(1, "must name at least one glob")
          .max(8, "must hold at most 8 globs (CodePipeline's limit per trigger)")
          .describe("repository paths (globs) whose changes rebuild the front end, e.g. web/**"),
      })
      .strict()
      .describe("the front end's delivery pipeline: { command, outputDir, hashedAssets, filePaths }"),
  })
  .strict();

export type FrontendConfig = z.infer<typeof frontendSchema>;

type Problem = (path: (string | number)[], message: string, input?: unknown) => void;

/** Cross-field rules of the front end. */
export function checkFrontend(
  env: { name?: string; dns?: { domain?: string; zone?: string }; edge?: { alternativeNames?: string[] }; frontend?: Partial<FrontendConfig> },
  problem: Problem,
): void {
  const f = env.frontend;
  if (!f || !f.enabled) return;
  const zone = env.dns?.zone;
  if (typeof f.domain === "string" && typeof zone === "string") {
    if (f.domain !== zone && !f.domain.endsWith(`.${zone}`)) {
      problem(["frontend", "domain"], `must be ${zone} or a name inside it (dns.zone), e.g. app.${env.dns?.domain ?? zone}`, f.domain);
    } else if (f.domain === env.dns?.domain) {
      problem(["frontend", "domain"], `must differ from dns.domain (${f.domain}), the API's name: each has its own alias records`, f.domain);
    } else if (env.edge?.alternativeNames?.includes(f.domain)) {
      problem(["frontend", "domain"], `is also in edge.alternativeNames, the API's names: each name has one set of alias records; remove it there`, f.domain);
    }
  }
  if (f.albExposure === "cloudfront-only" && !f.apiPath) {
    problem(["frontend", "albExposure"], "must be own-domain without frontend.apiPath: cloudfront-only would leave the API unreachable", f.albExposure);
  }
  if (env.name === "prod" && typeof f.accessLogRetentionDays === "number" && f.accessLogRetentionDays < 365) {
    problem(["frontend", "accessLogRetentionDays"], "must be at least 365 in prod: access logs are security evidence", f.accessLogRetentionDays);
  }
}
