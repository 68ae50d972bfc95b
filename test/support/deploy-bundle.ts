// `wrangler deploy --dry-run`: the bundle wrangler would upload, built without an account. The
// deploy test checks its size; bench:api and the workerd CPU test run it in a workerd of its own.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, wranglerBin } from "./dev-server.ts";

/** Writes the bundle (index.js and its source map) into `outdir`. */
export function buildDeployBundle(outdir: string): void {
  // wrangler wants the assets directory to exist; its contents do not count towards the bundle.
  mkdirSync(join(repoRoot, "site/dist"), { recursive: true });
  execFileSync(process.execPath, [wranglerBin, "deploy", "--dry-run", "--outdir", outdir], {
    cwd: repoRoot,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
    stdio: "pipe",
  });
}
