/** Types of scripts/synth-output.js, for the tests. */
export function fixTerraformBlockRendering(): void;
export function formatHcl(files: readonly string[]): string | undefined;
export function keepOneRendering(outdir: string): string[];
