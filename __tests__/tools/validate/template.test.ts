import { nameUnderTest } from "../../../tools/validate/check-names";
import { MAX_WORKSPACE_LENGTH } from "../../../src/shared/workspace-policy";
import { WORKSPACE_SUFFIX_MAX_LENGTH } from "../../../tools/validate/check-names";
import { escapeParts, findUnescaped, isTemplate, scanTemplate, toQuotedHcl } from "../../../tools/validate/template";

describe("scanTemplate", () => {
  test("finds interpolations, directives and literal text with escapes resolved", () => {
    const parts = scanTemplate('a $${x} ${b == "}" ? "${c}" : ""} %{ if d }e%{ endif }');
    expect(parts.map((p) => [p.kind, p.text])).toEqual([
      ["literal", "a ${x} "],
      ["interpolation", 'b == "}" ? "${c}" : ""'],
      ["literal", " "],
      ["directive", " if d "],
      ["literal", "e"],
      ["directive", " endif "],
    ]);
  });

  test("an unclosed interpolation runs to the end, unterminated", () => {
    expect(scanTemplate("x ${y")).toEqual([
      { kind: "literal", text: "x ", start: 0, end: 2, terminated: true },
      { kind: "interpolation", text: "y", start: 2, end: 5, terminated: false },
    ]);
  });

  test("escaped sequences are no template", () => {
    expect(isTemplate("echo $${HOME} %%{x}")).toBe(false);
    expect(isTemplate("${aws_vpc.main.id}")).toBe(true);
  });
});

describe("findUnescaped", () => {
  const problems = (s: string) => findUnescaped(s).map((u) => u.fix);

  test("shell variables and expansions", () => {
    expect(problems("${HOME} ${VAR:-x} ${#LIST} ${1}")).toEqual(["write $${HOME}", "write $${VAR:-x}", "write $${#LIST}", "write $${1}"]);
  });

  test("IAM policy variables", () => {
    expect(problems("home/${aws:username}/${aws:PrincipalTag/team}")).toEqual(["write $${aws:username}", "write $${aws:PrincipalTag/team}"]);
  });

  test("a literal %{ that is no directive", () => {
    expect(problems("-w %{http_code} %{ if x }y%{ endif }")).toEqual(["write %%{http_code}"]);
  });

  test("references, literals and for-directive variables are fine", () => {
    expect(problems('${var.x} ${true} ${local.y} %{ for s in var.list }${s}%{ endfor } ${"lit"}')).toEqual([]);
  });

  test("escapeParts escapes just those", () => {
    const s = "${HOME} ${var.x}";
    expect(
      escapeParts(
        s,
        findUnescaped(s).map((u) => u.part),
      ),
    ).toBe("$${HOME} ${var.x}");
  });
});

test("toQuotedHcl escapes literal text only", () => {
  expect(toQuotedHcl('say "hi"\n${x == "a" ? "b" : "c"}\\')).toBe('"say \\"hi\\"\\n${x == "a" ? "b" : "c"}\\\\"');
});

describe("names under test", () => {
  test("the workspace suffix counts as its maximum length, other interpolations as one letter", () => {
    expect(nameUnderTest("alias/notes-dev${local.workspace_suffix}/logs")).toEqual({ literal: "alias/notes-dev/logs", reserved: 11, hasLiteral: true });
    expect(nameUnderTest("${var.prefix}-logs")).toEqual({ literal: "x-logs", reserved: 0, hasLiteral: true });
    expect(nameUnderTest("${var.name}").hasLiteral).toBe(false);
  });

  test("the suffix length matches the workspace policy: a hyphen and the longest workspace", () => {
    expect(WORKSPACE_SUFFIX_MAX_LENGTH).toBe(MAX_WORKSPACE_LENGTH + 1);
  });
});
