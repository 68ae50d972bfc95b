import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

// The core is plain TypeScript with no platform: plain Node runs it.
export default defineProject({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    name: "core",
    environment: "node",
    include: ["test/core/**/*.test.ts"],
  },
});
