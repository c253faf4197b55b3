/**
 * Jest global setup: synthesizes every real stack once per test run, JSON and HCL, exactly as
 * `npm run validate` does (scripts/app.js, what cdktf.json runs), and hands the folder to the test
 * workers in NOTES_SYNTH_DIR. Stack tests, the inventories and the validation read it instead of
 * each building the stacks again. A folder given in NOTES_SYNTH_DIR beforehand is used as it is.
 */
import * as path from "node:path";
import { synthesize } from "../../tools/validate/synth";

export default async function globalSetup(): Promise<void> {
  if (process.env.NOTES_SYNTH_DIR) return;
  const root = path.resolve(__dirname, "..", "..");
  const output = await synthesize(root);
  process.env.NOTES_SYNTH_DIR = output.dir;
  process.env.NOTES_SYNTH_OWNED = "1";
}
