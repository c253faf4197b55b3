import { createHook } from "node:async_hooks";

/**
 * hcl2json runs Go compiled to WebAssembly, whose scheduler (wasm_exec.js) keeps a timer armed for
 * a while after each call; in a jest worker that timer stops the worker from exiting on its own
 * (jest then force-exits it, with a warning). Unref those timers: they never need to keep it alive.
 */
export function unrefWasmTimers(): void {
  createHook({
    init(_id, type, _trigger, resource) {
      if (type === "Timeout" && new Error().stack?.includes("wasm_exec")) (resource as NodeJS.Timeout).unref();
    },
  }).enable();
}
