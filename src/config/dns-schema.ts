import { z } from "zod";
import { domainName } from "./primitives";

/**
 * The platform's public hosted zone, configured once: the dns stack owns it in its account and
 * gives each environment a role there that may write only that environment's names.
 */
export const dnsSchema = z
  .object({
    zone: domainName.describe("the public hosted zone every environment's names are in, e.g. notes.example.com"),
    accountId: z
      .string()
      .regex(/^\d{12}$/, "must be a 12-digit AWS account id")
      .describe("the 12-digit id of the account that holds the zone (often prod's, or a shared DNS account); the dns stack is applied there"),
    createZone: z
      .boolean()
      .describe(
        "create the zone in that account (true; then delegate the domain to its name servers, output name_servers) or look the existing one up (false)",
      ),
    operatorRoles: z
      .array(
        z
          .string()
          .regex(
            /^[A-Za-z0-9+=,.@_/*-]{1,512}$/,
            "must be an IAM role name or path/name, IAM wildcards (*) allowed, e.g. aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_AdministratorAccess_*",
          ),
      )
      .describe(
        "roles (path/name, wildcards allowed) in each environment's account, besides its CI roles, that may write that environment's records: the roles people run `cdktf deploy <env>` with (TF_VAR_account_profile); [] for CI only",
      ),
  })
  .strict();

export type DnsConfig = z.infer<typeof dnsSchema>;

/** The fields of an environment that name its records. */
interface NamedEnvironment {
  readonly dns: { readonly domain: string };
  readonly edge: { readonly alternativeNames: readonly string[] };
  readonly frontend: { readonly enabled: boolean; readonly domain: string };
}

/**
 * Every name an environment serves, with the config field it comes from: the API's domain and
 * alternative names, and the front end's domain when it is on. Its records (aliases, ACM
 * validation, workspace copies) are these names or names under them.
 */
export function environmentNames(env: NamedEnvironment): { readonly name: string; readonly field: string }[] {
  return [
    { name: env.dns.domain, field: "dns.domain" },
    ...env.edge.alternativeNames.map((name, i) => ({ name, field: `edge.alternativeNames.${i}` })),
    ...(env.frontend.enabled ? [{ name: env.frontend.domain, field: "frontend.domain" }] : []),
  ];
}
