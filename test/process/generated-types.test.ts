// worker/worker-configuration.d.ts holds only the bindings (`wrangler types
// --include-runtime=false`; the runtime's types are @cloudflare/workers-types), and the check
// `npm run typecheck` starts with fails as soon as wrangler.toml says something it does not.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import manifest from "../../package.json" with { type: "json" };
import { repoRoot, wranglerBin } from "../support/dev-server.ts";

const generated = join(repoRoot, "worker/worker-configuration.d.ts");

/** `npm run typecheck`'s first step, against this config; true when it passes. */
function typesAreCurrent(config: string): boolean {
  const step = manifest.scripts.typecheck.split(" && ")[0] ?? "";
  expect(step).toMatch(/^wrangler types .*--include-runtime=false.*--check$/);
  const args = step.split(" ").slice(1);
  try {
    execFileSync(process.execPath, [wranglerBin, ...args, "--config", config], {
      cwd: repoRoot,
      stdio: "pipe",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
    });
    return true;
  } catch {
    return false;
  }
}

it("the generated file declares the bindings and no runtime types", () => {
  const text = readFileSync(generated, "utf8");
  expect(text).toContain("--include-runtime=false");
  expect(text).toMatch(/MODELS: KVNamespace;/);
  expect(text).not.toMatch(/declare (abstract )?class|interface KVNamespace\b/);
  expect(text.split("\n").length).toBeLessThan(100);
});

it("typecheck's check passes for wrangler.toml and fails once wrangler.toml changes", () => {
  // A copy beside it, so that the only difference between the two runs is one more var.
  const copy = join(repoRoot, "wrangler.types-check.toml");
  const toml = readFileSync(join(repoRoot, "wrangler.toml"), "utf8");
  try {
    writeFileSync(copy, toml);
    expect(typesAreCurrent(copy)).toBe(true);
    writeFileSync(copy, toml.replace("[vars]\n", '[vars]\nA_NEW_VAR = "1"\n'));
    expect(typesAreCurrent(copy)).toBe(false);
  } finally {
    rmSync(copy, { force: true });
  }
});
