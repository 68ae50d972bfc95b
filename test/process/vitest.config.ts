import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

// Real processes: `wrangler dev` driven by real curl, and `wrangler deploy --dry-run`.
export default defineProject({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    name: "process",
    environment: "node",
    include: ["test/process/**/*.test.ts"],
    // Starting workerd and bundling on a 2-core machine: generous, never asserted on.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
