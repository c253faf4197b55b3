import { dev } from "./dev";
import { prod } from "./prod";
import { test } from "./test";

export { state } from "./defaults";
/**
 * Every environment, by name; each becomes the stack of the same name (and `ci-<name>`). Adding one
 * is its file and its entry here (README, "Adding an environment"); this order is the order CI
 * applies them in, each after the one before.
 */
export const environments = { dev, test, prod };
