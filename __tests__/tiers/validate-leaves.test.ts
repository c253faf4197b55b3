import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { formatHcl, keepOneRendering } from "../../scripts/synth-output";
import { formatProblem } from "../../tools/validate/problems";
import { loadProviderSchema } from "../../tools/validate/schema-cache";
import { validateSynthOutput } from "../../tools/validate/validate";
import { deploymentConfiguration } from "../../src/tiers/app/deployment-configuration";
import { DeploymentHookRole } from "../../src/tiers/app/deployment-hook-role";
import { ManagedGrafana } from "../../src/tiers/observability/grafana-workspace";
import { PrometheusWorkspace } from "@cdktf/provider-aws/lib/prometheus-workspace";
import { naming } from "../helpers";
import { unrefWasmTimers } from "../support/wasm-timers";
import { buildCapacity } from "./app/app-fixtures";
import { buildEdge } from "./edge/edge-fixtures";

const root = path.resolve(__dirname, "..", "..");
const HOOK = "arn:aws:lambda:eu-central-1:111111111111:function:notes-smoke-test";

unrefWasmTimers();

/** Every leaf construct of the front end, capacity, release and Grafana work in one stack, as the tiers will use them. */
function synthLeaves(outdir: string, hclOutput: boolean): void {
  // A stack reads SYNTH_HCL_OUTPUT when it is created (the App option alone only names the file).
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = String(hclOutput);
  const app = new App({ outdir, hclOutput });
  const stack = new TerraformStack(app, "leaves");
  if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
  else process.env.SYNTH_HCL_OUTPUT = previous;
  new AwsProvider(stack, "aws", { region: "eu-central-1" });
  buildEdge(stack);
  const hosts = buildCapacity(stack);
  const hook = new DeploymentHookRole(stack, "hook", { naming, accountId: "111111111111", functionArn: HOOK });
  new EcsService(stack, "service", {
    name: "notes-dev-app",
    cluster: "notes-dev-app",
    taskDefinition: "notes-dev-app",
    capacityProviderStrategy: [{ capacityProvider: hosts.capacityProviderName, weight: 1 }],
    deploymentConfiguration: deploymentConfiguration(
      {
        deploymentStrategy: "CANARY",
        bakeTimeMinutes: 15,
        canary: { percent: 10, bakeTimeMinutes: 10 },
        testHook: { lambdaArn: HOOK, stage: "POST_SCALE_UP" },
      },
      hook.role.arn,
    ),
  });
  new EcsService(stack, "linear-service", {
    name: "notes-dev-linear",
    taskDefinition: "notes-dev-app",
    deploymentConfiguration: deploymentConfiguration({ deploymentStrategy: "LINEAR", bakeTimeMinutes: 5, linear: { stepPercent: 25, stepBakeTimeMinutes: 5 } }),
  });
  new ManagedGrafana(stack, "grafana", {
    naming,
    accountId: "111111111111",
    region: "eu-central-1",
    authentication: ["AWS_SSO", "SAML"],
    dataSources: ["CLOUDWATCH", "XRAY", "PROMETHEUS"],
    prometheusWorkspace: new PrometheusWorkspace(stack, "prometheus", {}),
    saml: { idpMetadataUrl: "https://idp.example.com/metadata.xml", adminRoleValues: ["admin"], editorRoleValues: ["editor"] },
  });
  app.synth();
  // As `npm run synth:hcl` leaves it: terraform fmt-canonical.
  if (hclOutput) formatHcl(keepOneRendering(outdir).filter((file) => file.endsWith(".tf")));
}

test("the leaf constructs pass npm run validate's checks, JSON and HCL", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "validate-leaves-"));
  try {
    synthLeaves(path.join(dir, "json"), false);
    synthLeaves(path.join(dir, "hcl"), true);
    const { schema } = loadProviderSchema({ root });
    const result = await validateSynthOutput({ jsonDir: path.join(dir, "json"), hclDir: path.join(dir, "hcl"), schema });
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.resources).toBeGreaterThan(50);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
