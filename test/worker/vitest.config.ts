import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";
import { trainLimit } from "./train-limit.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

// The API inside workerd (miniflare), with wrangler.toml's bindings: real KV, real rate limiter.

export default defineProject({
  root,
  plugins: [
    cloudflareTest({
      wrangler: { configPath: `${root}/wrangler.toml` },
      miniflare: {
        ratelimits: {
          TRAIN_LIMITER: { namespace_id: "1001", simple: { limit: trainLimit, period: 60 } },
          JOB_LIMITER: { namespace_id: "1002", simple: { limit: trainLimit, period: 60 } },
        },
      },
    }),
  ],
  test: {
    name: "worker",
    include: ["test/worker/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
