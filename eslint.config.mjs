// ESLint for all TypeScript: the recommended rules of ESLint and typescript-eslint, strict about unused code.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// scripts/ may start the apps (npm start runs the service and the verifier) but no app may import scripts/.
const APPS = ["cli", "issuer-service", "verifier-web"];
const OWNERS = [...APPS, "scripts"];

function appBoundaries() {
  return OWNERS.map((app) => ({
    files: [`${app}/**/*.ts`, `${app}/**/*.mts`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@credanchor/core/(?!(protocol|chain|issue|print\\.css|tokens\\.css)$)",
              message: "Import @credanchor/core through its entry points: protocol, chain or issue (and its print.css and tokens.css).",
            },
            {
              regex: "^\\.\\.?/(.*/)?core/",
              message: "Import @credanchor/core through its entry points, not by path.",
            },
            ...(app === "scripts" ? ["cli"] : [...APPS, "scripts"].filter((other) => other !== app)).map((other) => ({
              regex: `^(\\.\\./)+${other}(/|$)`,
              message: `${app} must not import ${other}: apps share code only through @credanchor/core.`,
            })),
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "artifacts/**",
      "cache/**",
      "coverage/**",
      "dist/**",
      "out/**",
      "**/dist/**",
      // Builds being written or swapped out by issuer-service/buildSpa.ts.
      "**/dist.*/**",
      "core/src/generated/**",
      "cli/generated/**",
      "typechain-types/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  // Apps are adapters over @credanchor/core: they import its three entry points, never its internals or each other.
  ...appBoundaries(),
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
