import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "build-*/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "bench/out/**",
      "data/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-imports": ["error", { paths: [{ name: "zod", message: "Import zod only in .server.ts files." }] }],
    },
  },
  {
    files: ["**/*.server.ts", "scripts/**", "db/**", "test/**", "app/questionnaire/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["app/scoring/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/models/**", "**/utils/**", "**/routes/**", "~/models/*", "~/utils/*", "~/routes/*"],
              message: "The scoring engine stays pure.",
            },
            { group: ["kysely", "better-sqlite3", "node:fs", "fs"], message: "The scoring engine does no I/O." },
          ],
        },
      ],
    },
  },
  {
    files: ["db/migrations/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
