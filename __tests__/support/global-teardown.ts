/**
 * Removes the folder the global setup synthesized into (never one given from outside), and forgets
 * it, so that the next run of `jest --watch` synthesizes the changed sources afresh.
 */
import { removeSynthOutput } from "../../tools/validate/synth";

export default function globalTeardown(): void {
  if (!process.env.NOTES_SYNTH_OWNED || !process.env.NOTES_SYNTH_DIR) return;
  removeSynthOutput(process.env.NOTES_SYNTH_DIR);
  delete process.env.NOTES_SYNTH_DIR;
  delete process.env.NOTES_SYNTH_OWNED;
}
