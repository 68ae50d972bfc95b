// The production bundle builds without an account, and fits the Workers size limits.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";
import { buildDeployBundle } from "../support/deploy-bundle.ts";

const MiB = 1024 * 1024;

it("wrangler deploy --dry-run builds a bundle under the free plan's 3 MiB (gzip)", () => {
  const outdir = mkdtempSync(join(tmpdir(), "backprop-edge-bundle-"));
  try {
    buildDeployBundle(outdir);
    const files = readdirSync(outdir).filter(
      (name) => !name.endsWith(".map") && statSync(join(outdir, name)).isFile(),
    );
    expect(files.length).toBeGreaterThan(0);
    const raw = files.reduce((sum, name) => sum + statSync(join(outdir, name)).size, 0);
    const gzip = files.reduce(
      (sum, name) => sum + gzipSync(readFileSync(join(outdir, name))).length,
      0,
    );
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    console.log(
      `Worker bundle: ${kib(raw)} raw, ${kib(gzip)} gzip — limits 3 MiB (free) / 10 MiB (paid), gzip; ` +
        `${((gzip / (3 * MiB)) * 100).toFixed(1)}% of the free limit`,
    );
    expect(gzip).toBeLessThan(3 * MiB);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
