import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

// The page in real Chromium (Debian's /usr/bin/chromium through playwright-core) against
// `wrangler dev` serving the built site and the API, started once for the whole suite.
export default defineProject({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    name: "e2e",
    environment: "node",
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    // A browser and a wrangler dev server on a 2-core machine: generous, never asserted on.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // One Chromium at a time keeps the machine responsive for the other suites.
    fileParallelism: false,
  },
});
