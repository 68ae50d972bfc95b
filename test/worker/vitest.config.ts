import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

// The API inside workerd (miniflare), with wrangler.toml's bindings: real KV, real rate limiter.
export const trainLimit = 5;

export default defineProject({
  root,
  plugins: [
    cloudflareTest({
      wrangler: { configPath: `${root}/wrangler.toml` },
      // A small limit, so the 429 test needs a handful of requests, not hundreds.
      miniflare: {
        ratelimits: { TRAIN_LIMITER: { namespace_id: "1001", simple: { limit: trainLimit, period: 60 } } },
      },
    }),
  ],
  test: {
    name: "worker",
    include: ["test/worker/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
