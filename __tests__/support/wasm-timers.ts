import { createHook } from "node:async_hooks";

/** Whether the timer being created was armed by hcl2json's Go scheduler (wasm_exec.js). */
function armedByWasm(): boolean {
  const limit = Error.stackTraceLimit;
  // The scheduler's frame is a few below the hook: a short stack keeps each check cheap under jest's
  // source-mapped stack formatting.
  Error.stackTraceLimit = 12;
  try {
    return new Error().stack?.includes("wasm_exec") ?? false;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * hcl2json runs Go compiled to WebAssembly, whose scheduler (wasm_exec.js) keeps a timer armed for
 * a while after each call; in a jest worker that timer stops the worker from exiting on its own
 * (jest then force-exits it, with a warning). Unref those timers: they never need to keep it alive.
 * The hook is process-wide, so it is removed after the suite, before the worker runs the next one.
 */
export function unrefWasmTimers(): void {
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      if (type === "Timeout" && armedByWasm()) (resource as NodeJS.Timeout).unref();
    },
  }).enable();
  afterAll(() => {
    hook.disable();
  });
}
