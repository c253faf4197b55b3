// Wiring only: validated environments in, one stack per environment out, the policy pack on what was written.
import { environments, state } from "./environments";
import { buildApp } from "./src/app";
import { ConfigError } from "./src/config/load";
import { NamingError } from "./src/naming";
import { policyErrorsAtSynth } from "./tools/policy/at-synth";

try {
  const app = buildApp({ environments, state, selection: process.env.ENVIRONMENTS });
  app.synth();
  const errors = policyErrorsAtSynth(
    app.outdir,
    app.node.children.map((stack) => stack.node.id),
  );
  if (errors.length) {
    process.stderr.write(`${errors.join("\n")}\n`);
    process.exitCode = 1;
  }
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof NamingError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
