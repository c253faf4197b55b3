import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";

const source = readFileSync(join(__dirname, "..", "..", "..", ".checkov.yaml"), "utf8");

describe(".checkov.yaml", () => {
  const document = parseDocument(source);
  const skips = document.get("skip-check") as any;

  it("scans the synthesized JSON with checkov's terraform_json framework", () => {
    expect(document.toJS().framework).toEqual(["terraform_json"]);
  });

  it("says why, above each skipped check", () => {
    expect(skips.items.length).toBeGreaterThan(0);
    // A comment belongs to the first check it precedes; the checks right after share it.
    const lines = source.split("\n");
    for (const item of skips.items) {
      const at = lines.findIndex((l) => l.trim() === `- ${item.value}`);
      let above = at - 1;
      while (/^\s*- CKV/.test(lines[above])) above--;
      expect([item.value, lines[above].trim()]).toEqual([item.value, expect.stringMatching(/^# \S.{20,}/)]);
    }
  });

  it("skips each check once", () => {
    const ids = skips.items.map((i: any) => i.value);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
