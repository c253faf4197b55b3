import { Construct } from "constructs";
import { CodebuildProject } from "@cdktf/provider-aws/lib/codebuild-project";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { escapeTemplate, renderBuildspec } from "../src/buildspec";
import { hclQuoted } from "../src/hcl";
import { resources, synth } from "./helpers";

/**
 * What Terraform makes of a template string's literal text: `$${` and `%%{` are escapes for `${`
 * and `%{`; an unescaped `${` or `%{` starts an interpolation or directive (refused here).
 */
function terraformLiteral(template: string): string {
  let out = "";
  for (let i = 0; i < template.length;) {
    const rest = template.slice(i);
    if (rest.startsWith("$${") || rest.startsWith("%%{")) {
      out += `${rest[0]}{`;
      i += 3;
    } else if (rest.startsWith("${") || rest.startsWith("%{")) {
      throw new Error(`Terraform would evaluate the template sequence at ${i}: ${rest.slice(0, 20)}`);
    } else {
      out += rest[0];
      i += 1;
    }
  }
  return out;
}

/** Synthesizes a project whose buildspec is built inside the scope (with real tokens). */
function synthBuildspec(build: (parameter: SsmParameter) => string): string {
  const json = synth((scope: Construct) => {
    const parameter = new SsmParameter(scope, "param", { name: "/notes/dev/app/image-tag", type: "String", insecureValue: "initial" });
    new CodebuildProject(scope, "project", {
      name: "p",
      serviceRole: "r",
      artifacts: { type: "CODEPIPELINE" },
      environment: { computeType: "BUILD_GENERAL1_SMALL", image: "i", type: "ARM_CONTAINER" },
      source: { type: "CODEPIPELINE", buildspec: build(parameter) },
    });
  });
  return resources(json, "aws_codebuild_project")[0].source.buildspec;
}

describe("escapeTemplate", () => {
  it("escapes shell expansions and template directives", () => {
    expect(escapeTemplate('echo "${IMAGE_TAG}"')).toBe('echo "$${IMAGE_TAG}"');
    expect(escapeTemplate("%{ if x }")).toBe("%%{ if x }");
    expect(escapeTemplate("${A:-${B}}")).toBe("$${A:-$${B}}");
  });

  it("leaves what Terraform reads literally alone", () => {
    for (const text of ["$HOME", "$(cat image-tag.txt)", "100%", "a{b}", "$$", "#{SourceVariables.CommitId}", "${REPOSITORY_URI%%/*}"]) {
      expect(terraformLiteral(escapeTemplate(text))).toBe(text);
    }
  });

  it("round-trips any literal text through Terraform unchanged", () => {
    for (const text of ["${X}", "$${X}", "$$${X}", "%{x}", "%%{x}", "${a}%{b}$${c}", "}${", "${${}}", "$", "%"]) {
      expect(terraformLiteral(escapeTemplate(text))).toBe(text);
    }
  });
});

describe("renderBuildspec", () => {
  const spec = renderBuildspec({
    env: { variables: { A: "1" }, secretsManager: { DATABASE_SECRET: "arn:aws:secretsmanager:eu-central-1:111111111111:secret:db-AbCdEf" } },
    phases: { preBuild: { commands: ["true"] }, build: { commands: ['echo "${A}"'], finally: ["echo done"] } },
    reports: { unit: { files: ["**/*.xml"], baseDirectory: "reports", fileFormat: "JUNITXML" } },
    artifacts: { files: ["imagedefinitions.json"] },
  });
  const document = JSON.parse(terraformLiteral(spec));

  it("renders JSON (which is YAML) in CodeBuild's names, version 0.2, bash", () => {
    expect(document).toEqual({
      version: "0.2",
      env: {
        shell: "bash",
        variables: { A: "1" },
        "secrets-manager": { DATABASE_SECRET: "arn:aws:secretsmanager:eu-central-1:111111111111:secret:db-AbCdEf" },
      },
      phases: {
        pre_build: { "on-failure": "ABORT", commands: ["true"] },
        build: { "on-failure": "ABORT", commands: ['echo "${A}"'], finally: ["echo done"] },
      },
      reports: { unit: { files: ["**/*.xml"], "base-directory": "reports", "file-format": "JUNITXML" } },
      artifacts: { files: ["imagedefinitions.json"] },
    });
  });

  it("escapes the shell's ${...} so Terraform passes it through", () => {
    expect(spec).toContain('echo \\"$${A}\\"');
  });

  it("keeps Terraform references resolvable beside escaped shell", () => {
    const buildspec = synthBuildspec((parameter) =>
      renderBuildspec({
        env: { variables: { PARAMETER: parameter.name, ARN_SUFFIX: `x-${parameter.arn}` } },
        phases: { build: { commands: ['aws ssm put-parameter --name "${PARAMETER}" --value "${TAG}" --overwrite', `echo ${parameter.name} "\${TAG}"`] } },
      }),
    );
    expect(buildspec).toContain('"PARAMETER": "${aws_ssm_parameter.param.name}"');
    expect(buildspec).toContain('"ARN_SUFFIX": "x-${aws_ssm_parameter.param.arn}"');
    expect(buildspec).toContain('--name \\"$${PARAMETER}\\" --value \\"$${TAG}\\"');
    expect(buildspec).toContain('echo ${aws_ssm_parameter.param.name} \\"$${TAG}\\"');
  });

  it("refuses a Terraform reference inside a shell expansion, which cdktf would not resolve", () => {
    expect(() => synthBuildspec((parameter) => renderBuildspec({ phases: { build: { commands: [`echo "\${TAG:-${parameter.name}}"`] } } }))).toThrow(
      /inside a shell \$\{\.\.\.\} expansion/,
    );
  });

  it("leaves out empty sections", () => {
    expect(JSON.parse(renderBuildspec({ env: { variables: {} }, phases: { build: { commands: ["true"] } } }))).toEqual({
      version: "0.2",
      env: { shell: "bash" },
      phases: { build: { "on-failure": "ABORT", commands: ["true"] } },
    });
  });
});

describe("hclQuoted", () => {
  it("escapes what an HCL quoted string cannot hold, and leaves template sequences alone", () => {
    expect(hclQuoted('{\n  "a": "echo \\"$${X}\\" ${aws_s3_bucket.b.arn}\tx"\n}')).toBe(
      '{\\n  \\"a\\": \\"echo \\\\\\"$${X}\\\\\\" ${aws_s3_bucket.b.arn}\\tx\\"\\n}',
    );
  });
});
