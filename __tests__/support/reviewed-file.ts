/**
 * Committed text files compared like jest snapshots, and updated by the same flag: `npm test -- -u`
 * rewrites a file that differs, a run without `--ci` writes one that is missing, CI writes nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const UPDATE_COMMAND = "npm test -- -u";

/** jest's snapshot update mode for this run: "all" with -u, "none" with --ci, "new" otherwise. */
export function updateMode(): "all" | "new" | "none" {
  return (expect.getState() as { snapshotState?: { _updateSnapshot?: "all" | "new" | "none" } }).snapshotState?._updateSnapshot ?? "none";
}

/** Fails when `file` does not hold `actual`, saying how to update it; writes it where the mode allows. */
export function expectFile(file: string, actual: string, what: string): void {
  const shown = path.relative(ROOT, file);
  const mode = updateMode();
  const expected = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  if (expected === actual) return;
  if (mode === "all" || (expected === undefined && mode === "new")) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (expected === undefined) throw new Error(`${shown} is missing: write it with ${UPDATE_COMMAND}`);
  try {
    expect(actual).toEqual(expected);
  } catch (error) {
    (error as Error).message = `${shown} is not ${what}. Review the difference; if it is intended: ${UPDATE_COMMAND}\n\n${(error as Error).message}`;
    throw error;
  }
}
