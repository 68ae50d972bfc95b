import { defineConfig } from "vitest/config";

// Each suite has its own config: the core runs in Node, the API in workerd, the page in Chromium.
export default defineConfig({
  test: {
    projects: ["test/*/vitest.config.ts"],
    // The JSON report gives .ci/run its closing "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
  },
});
