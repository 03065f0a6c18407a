import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import { reactRefresh } from "eslint-plugin-react-refresh";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

// The recommended sets only; layout is Prettier's job (eslint-config-prettier, last, turns off
// every rule that would argue with it).
export default defineConfig([
  globalIgnores(["dist", "screenshots", "test-results", "src/api-types.ts"]), // the last: generated
  {
    files: ["**/*.{ts,tsx}"],
    extends: [
      js.configs.recommended,
      tseslint.configs.recommended,
      reactHooks.configs.flat.recommended,
      reactRefresh.configs.vite(),
    ],
    languageOptions: { globals: globals.browser },
  },
  {
    // this file and the end-to-end script run under Node; the script's page.evaluate callbacks
    // run in the browser
    files: ["**/*.{js,mjs}"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  { files: ["e2e/**"], languageOptions: { globals: globals.browser } },
  prettier,
]);
