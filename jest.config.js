/** Transpile-only with swc: type-checking runs once, in `npm test`, through `tsc --noEmit`. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  // Jest uses cores - 1 workers by default: one, on these 2-core machines.
  maxWorkers: 2,
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  // The real stacks are synthesized once per run and shared (__tests__/support/synthesized.ts).
  globalSetup: "<rootDir>/__tests__/support/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.ts",
  setupFilesAfterEnv: ["<rootDir>/setup.js"],
  modulePathIgnorePatterns: ["<rootDir>/cdktf.out"],
};
