import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  // Prettier (printWidth 140, `npm run format`) owns layout; ESLint keeps the rest.
  prettier,
  {
    rules: {
      // Prettier cannot wrap a long string or class list; any other line over 160 columns is an error.
      "max-len": ["error", { code: 160, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Plain functions named use… (useDatabase, useRateLimiter) swap a backend in tests; they are not React hooks.
    files: ["lib/**/*.ts", "tests/**", "scripts/**", "bench/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "lib/generated/**",
    "next-env.d.ts",
    ".e2e-data/**",
    "data/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
