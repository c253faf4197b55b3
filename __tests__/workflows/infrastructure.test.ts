import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { parse } from "yaml";
import { environments } from "../../environments";
import { exampleConfig, parsed } from "../helpers";
import { synthesizedStack } from "../support/synthesized";

const ROOT = join(__dirname, "..", "..");
const source = readFileSync(join(ROOT, ".github", "workflows", "infrastructure.yml"), "utf8");
const workflow = parse(source);
const jobs: Record<string, any> = workflow.jobs;

const steps = (job: string): any[] => jobs[job].steps;
const runs = (job: string): string[] => steps(job).flatMap((s) => (s.run ? [s.run.trim()] : []));
const uses = (job: string, action: string): any[] => steps(job).filter((s) => typeof s.uses === "string" && s.uses.startsWith(`${action}@`));
const indexOf = (job: string, match: (step: any) => boolean) => steps(job).findIndex(match);

/** The commands of the README's "The two commands" block, without their comments. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const block = readme.split("## The two commands")[1].match(/```sh\n([\s\S]*?)```/)![1];
  return block
    .split("\n")
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter(Boolean);
}

/** Every environment of environments/index.ts, in its order: the order CI applies them in. */
const ENVIRONMENTS = Object.keys(environments);
/** The apply job of each environment that has one (the first test names those missing). */
const APPLY_JOBS = Object.fromEntries(ENVIRONMENTS.filter((env) => jobs[`apply-${env}`]).map((env) => [env, `apply-${env}`]));
const APPLIED = Object.keys(APPLY_JOBS);
const GATED = exampleConfig().state.ci.environments;
const ON_MAIN = "github.event_name == 'push' && github.ref == 'refs/heads/main'";

describe(".github/workflows/infrastructure.yml", () => {
  it("is a valid workflow (action-validator, offline)", () => {
    expect(validateWorkflow(source).errors).toEqual([]);
  });

  it("is checked by a validator that does reject a broken workflow", () => {
    expect(validateWorkflow(source.replace("    needs: verify\n", "    needz: verify\n")).errors).not.toEqual([]);
  });

  it("runs on pull requests, again when a label changes, and on pushes to the CI branch", () => {
    expect(workflow.on.pull_request.types).toEqual(expect.arrayContaining(["opened", "synchronize", "labeled", "unlabeled"]));
    expect(workflow.on.push.branches).toEqual([exampleConfig().state.ci.branch]);
  });

  it("runs exactly the README's two commands", () => {
    const [synth, test] = readmeCommands();
    expect(readmeCommands()).toEqual(["npm ci && npm run synth", "npm test"]);
    expect(runs("verify")).toEqual(expect.arrayContaining([synth, test]));
    for (const job of ["plan", ...Object.values(APPLY_JOBS)]) expect(runs(job)).toContain(synth);
  });

  it("sets up Node 24 with the npm cache wherever it installs", () => {
    for (const job of Object.keys(jobs)) expect(uses(job, "actions/setup-node")[0].with).toEqual({ "node-version": 24, cache: "npm" });
  });

  it("pins every action to a major version at least", () => {
    const all = Object.keys(jobs).flatMap((job) =>
      steps(job)
        .map((s) => s.uses)
        .filter(Boolean),
    );
    expect(all.length).toBeGreaterThan(0);
    for (const action of all) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
  });

  it("grants the OIDC token only to the jobs that assume a role", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(jobs.verify.permissions).toBeUndefined();
    expect(jobs.plan.permissions).toEqual({ "id-token": "write", contents: "read", "pull-requests": "write" });
    for (const job of Object.values(APPLY_JOBS)) expect(jobs[job].permissions).toEqual({ "id-token": "write", contents: "read" });
  });

  it("has a plan and an apply job for every environment of environments/index.ts", () => {
    const planned: string[] = jobs.plan.strategy.matrix.environment;
    expect([
      ...ENVIRONMENTS.filter((env) => !planned.includes(env)).map(
        (env) => `add ${env} to jobs.plan.strategy.matrix.environment (in the order of environments/index.ts)`,
      ),
      ...planned
        .filter((env) => !ENVIRONMENTS.includes(env))
        .map((env) => `remove ${env} from jobs.plan.strategy.matrix.environment: environments/index.ts has no such environment`),
      ...ENVIRONMENTS.filter((env) => !jobs[`apply-${env}`]).map((env) => {
        const before = ENVIRONMENTS[ENVIRONMENTS.indexOf(env) - 1];
        const after = ENVIRONMENTS[ENVIRONMENTS.indexOf(env) + 1];
        return (
          `add a job apply-${env} (a copy of another apply job): needs: ${before ? `apply-${before}` : "plan"}, ` +
          `environment: ${env} only if state.ci.environments lists it, ${env} in its download, profile and working-directory steps` +
          (after ? `; and apply-${after} then needs apply-${env}` : "")
        );
      }),
    ]).toEqual([]);
  });

  it("plans the environments on pull requests, in the order of environments/index.ts, with the plan role", () => {
    const planned: string[] = jobs.plan.strategy.matrix.environment;
    expect(planned).toEqual(ENVIRONMENTS.filter((env) => planned.includes(env)));
    expect(jobs.plan.if).toBeUndefined();
    expect(uses("plan", "aws-actions/configure-aws-credentials")[0].with["role-to-assume"]).toBe("${{ vars.AWS_PLAN_ROLE_ARN }}");
  });

  it("initializes and saves a plan in the environment's synthesized stack", () => {
    const init = steps("plan").find((s) => s.run?.startsWith("terraform init"));
    const plan = steps("plan").find((s) => s.run?.startsWith("terraform plan"));
    expect(init["working-directory"]).toBe("cdktf.out/stacks/${{ matrix.environment }}");
    expect(plan["working-directory"]).toBe("cdktf.out/stacks/${{ matrix.environment }}");
    expect(plan.run).toMatch(/ -out=tfplan$/);
  });

  it("runs the validation, when the project has one, after synthesis and before the plan", () => {
    const validate = indexOf("plan", (s) => s.run === "npm run validate --if-present");
    expect(validate).toBeGreaterThan(indexOf("plan", (s) => s.run === "npm ci && npm run synth"));
    expect(validate).toBeLessThan(indexOf("plan", (s) => s.run?.startsWith("terraform plan")));
  });

  it("pins a Terraform 1.x of at least 1.10 and reads its output raw", () => {
    for (const job of ["plan", ...Object.values(APPLY_JOBS)]) {
      const { terraform_version: version, terraform_wrapper: wrapper } = uses(job, "hashicorp/setup-terraform")[0].with;
      const [major, minor] = String(version).split(".").map(Number);
      expect(major === 1 && minor >= 10).toBe(true);
      expect(wrapper).toBe(false);
    }
  });

  it("comments terraform show on the pull request, replacing its previous comment per environment", () => {
    const show = steps("plan").find((s) => s.name === "terraform show");
    expect(show.run).toContain("terraform show -no-color tfplan > plan.txt");
    const comment = uses("plan", "actions/github-script")[0];
    expect(comment.if).toBe("github.event_name == 'pull_request'");
    expect(comment.with.script).toContain("<!-- infrastructure-plan:${environment} -->");
    expect(comment.with.script).toContain("updateComment");
  });

  it("keeps the plan file as an artifact per environment", () => {
    const upload = uses("plan", "actions/upload-artifact")[0].with;
    expect(upload.name).toBe("plan-${{ matrix.environment }}");
    expect(upload.path).toContain("cdktf.out/stacks/${{ matrix.environment }}/tfplan");
  });

  it("diffs pull requests against their base and fails on a stateful removal unless labelled", () => {
    const diff = steps("verify").find((s) => s.run?.includes("npm run --silent diff"));
    expect(diff.if).toBe("github.event_name == 'pull_request'");
    expect(diff.env).toEqual({
      BASE_SHA: "${{ github.event.pull_request.base.sha }}",
      ALLOW_STATEFUL_REMOVAL: "${{ contains(github.event.pull_request.labels.*.name, 'allow-stateful-removal') }}",
    });
    expect(diff.run).toContain("args+=(--allow-stateful-removal)");
    expect(diff.run).toContain('exit "$status"');
    expect(uses("verify", "actions/checkout")[0].with["fetch-depth"]).toBe(0);
  });

  it("plans only after the tests and the diff pass", () => {
    expect(jobs.plan.needs).toBe("verify");
  });

  it("applies on pushes to main only, one environment after the other in the order of environments/index.ts", () => {
    for (const job of Object.values(APPLY_JOBS)) expect(jobs[job].if).toBe(ON_MAIN);
    expect(APPLIED.map((env) => jobs[APPLY_JOBS[env]].needs)).toEqual(["plan", ...APPLIED.slice(0, -1).map((env) => APPLY_JOBS[env])]);
  });

  it("applies the environments of state.ci.environments in their GitHub environments, the others without approval", () => {
    expect(Object.fromEntries(APPLIED.map((env) => [env, jobs[APPLY_JOBS[env]].environment]))).toEqual(
      Object.fromEntries(APPLIED.map((env) => [env, GATED.includes(env) ? env : undefined])),
    );
  });

  it("gates prod behind its GitHub environment", () => {
    expect(jobs["apply-prod"].environment).toBe("prod");
  });

  it("applies the saved plan of the same run with the apply role", () => {
    for (const [env, job] of Object.entries(APPLY_JOBS)) {
      expect(uses(job, "actions/download-artifact")[0].with).toEqual({ name: `plan-${env}`, path: `cdktf.out/stacks/${env}` });
      expect(uses(job, "aws-actions/configure-aws-credentials")[0].with["role-to-assume"]).toBe("${{ vars.AWS_APPLY_ROLE_ARN }}");
      const apply = steps(job).find((s) => s.run?.startsWith("terraform apply"));
      expect(apply).toMatchObject({ "working-directory": `cdktf.out/stacks/${env}`, run: "terraform apply -input=false -lock-timeout=5m tfplan" });
    }
  });

  it("is the only workflow, so its jobs are every job the CI roles must trust", () => {
    expect(readdirSync(join(ROOT, ".github", "workflows"))).toEqual(["infrastructure.yml"]);
  });

  it("is trusted by the CI roles for exactly the OIDC subjects its jobs present, and no other", () => {
    const { owner, name } = exampleConfig().environments.dev.repository;
    const repo = `repo:${owner}/${name}`;
    const branch = workflow.on.push.branches[0];
    // GitHub's subject: the job's environment if it has one, else the event (pull_request) or the pushed branch.
    const subjects = (job: string): string[] => {
      if (jobs[job].environment) return [`${repo}:environment:${jobs[job].environment}`];
      const events = jobs[job].if === ON_MAIN ? ["push"] : Object.keys(workflow.on);
      return events.map((event) => (event === "pull_request" ? `${repo}:pull_request` : `${repo}:ref:refs/heads/${branch}`));
    };
    const presented: Record<string, Set<string>> = {};
    for (const job of Object.keys(jobs)) {
      for (const step of uses(job, "aws-actions/configure-aws-credentials")) {
        const role = /AWS_(PLAN|APPLY)_ROLE_ARN/.exec(step.with["role-to-assume"])![1].toLowerCase();
        for (const subject of subjects(job)) (presented[role] ??= new Set()).add(subject);
      }
    }
    const documents = parsed(synthesizedStack("bootstrap")).data.aws_iam_policy_document;
    const trusted = (role: string) => {
      const trust = Object.entries<any>(documents).find(([k]) => k.startsWith(`github_${role}-trust_`))![1];
      const sub = trust.statement[0].condition.find((c: any) => c.variable === "token.actions.githubusercontent.com:sub");
      expect(sub.test).toBe("StringEquals");
      return [...sub.values].sort();
    };
    expect(trusted("plan")).toEqual([...presented.plan].sort());
    expect(trusted("apply")).toEqual([...presented.apply].sort());
  });

  it("works in each environment account through its ci-plan or ci-apply role, chosen by the job", () => {
    expect(workflow.env.TF_VAR_account_profile).toBe("ci");
    const profileBeforeInit = (job: string) => {
      const all = steps(job);
      const profile = all.findIndex((s) => s.run?.startsWith(".github/scripts/aws-ci-profile.sh"));
      expect(profile).toBeGreaterThan(-1);
      expect(profile).toBeLessThan(all.findIndex((s) => s.run?.startsWith("terraform init")));
      return all[profile].run;
    };
    expect(profileBeforeInit("plan")).toBe(".github/scripts/aws-ci-profile.sh ${{ matrix.environment }} plan");
    for (const [env, job] of Object.entries(APPLY_JOBS)) expect(profileBeforeInit(job)).toBe(`.github/scripts/aws-ci-profile.sh ${env} apply`);
  });

  it("comments the monthly cost change against the base on pull requests", () => {
    expect(jobs.cost.if).toBe("github.event_name == 'pull_request'");
    expect(jobs.cost.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(uses("cost", "actions/checkout")[0].with).toEqual({ "fetch-depth": 0 });
    const cost = steps("cost").find((s) => s.run?.includes("npm run --silent cost -- --diff"));
    expect(cost.env).toEqual({ BASE_SHA: "${{ github.event.pull_request.base.sha }}" });
    const comment = steps("cost")[indexOf("cost", (s) => s === cost) + 1];
    expect(comment.uses).toBe("actions/github-script@v8");
    expect(comment.with.script).toContain('const marker = "<!-- infrastructure-cost -->"');
  });

  it("runs the policy pack and checkov, with .checkov.yaml, on every synthesized stack", () => {
    expect(runs("scan")).toEqual(expect.arrayContaining(["npm ci && npm run synth", "npm run policy -- --dir cdktf.out", "pip install checkov==3.3.13"]));
    const scan = runs("scan").find((r) => r.includes("checkov --config-file"))!;
    expect(scan).toMatch(/for file in cdktf\.out\/stacks\/\*\/cdk\.tf\.json/);
    expect(scan).toContain('checkov --config-file .checkov.yaml --framework terraform_json --file "$file"');
    expect(scan).toContain('exit "$status"');
  });

  it("lets only named checks soft-fail, and never in prod", () => {
    const scan = runs("scan").find((r) => r.includes("checkov --config-file"))!;
    expect(scan).not.toMatch(/prod\)/);
    for (const list of Object.values<string>(jobs.scan.env)) expect(list).toMatch(/^(CKV2?_AWS_\d+)(,CKV2?_AWS_\d+)*$/);
  });

  it("never cancels a run on main midway", () => {
    expect(workflow.concurrency["cancel-in-progress"]).toBe("${{ github.event_name == 'pull_request' }}");
  });
});
