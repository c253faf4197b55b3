// Wiring only: validated environments in, one stack per environment out.
import { environments, state } from "./environments";
import { buildApp } from "./src/app";
import { ConfigError } from "./src/config/load";
import { NamingError } from "./src/naming";

try {
  buildApp({ environments, state, selection: process.env.ENVIRONMENTS }).synth();
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof NamingError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
