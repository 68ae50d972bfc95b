import { defineConfig } from "vitest/config";

// Each suite has its own config: the core runs in Node, the API in workerd, the page in Chromium.
export default defineConfig({
  test: {
    projects: ["test/*/vitest.config.ts"],
    // The Worker's request log lines (worker/request-log.ts) are checked by request-log.test.ts;
    // printed, the fuzzed training runs would bury the report.
    onConsoleLog: (log) => !log.startsWith('{"event":'),
    // The JSON report gives .ci/run its closing "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
  },
});
