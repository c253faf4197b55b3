// Lint: typescript-eslint's recommended rules plus the type-aware ones that catch real bugs here
// (promises left floating or passed where a callback is expected, assertions the types do not need).
// Formatting is Prettier's (`.prettierrc`), so no stylistic rules.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "cdktf.out/", "coverage/", "dist/", "__tests__/fixtures/", "**/__snapshots__/"] },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      // The project service reads tsconfig.json once: one program for every file, so the
      // type-aware rules cost a single type-check.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/require-await": "error",
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // What is deployed asserts nothing the types cannot show. The offline tools (tools/) read
    // untyped plan JSON and keep their lookups' assertions: there no-unnecessary-type-assertion
    // removes only the ones the types already prove.
    files: ["main.ts", "src/**/*.ts", "environments/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "error" },
  },
  {
    // Tests read synthesized JSON, which has no static type, and assert on what they just found.
    files: ["__tests__/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" },
    },
  },
);
