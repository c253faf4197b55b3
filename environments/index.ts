import { dev } from "./dev";
import { prod } from "./prod";
import { test } from "./test";

export { state } from "./defaults";
/** Every environment, by name; each becomes the stack of the same name. */
export const environments = { dev, test, prod };
