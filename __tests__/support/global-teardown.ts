/** Removes the folder the global setup synthesized into (never one given from outside). */
import { removeSynthOutput } from "../../tools/validate/synth";

export default function globalTeardown(): void {
  if (process.env.NOTES_SYNTH_OWNED && process.env.NOTES_SYNTH_DIR) removeSynthOutput(process.env.NOTES_SYNTH_DIR);
}
