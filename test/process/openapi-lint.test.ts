// The OpenAPI document the running Worker serves passes the linters API teams use, with their
// stock rulesets (redocly.yaml: Redocly's `recommended`; .spectral.yaml: Spectral's `spectral:oas`):
// no error, no warning.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type DevServer, repoRoot, startDevServer } from "../support/dev-server.ts";

let server: DevServer;
let workdir: string;
let documentPath: string;

beforeAll(async () => {
  server = await startDevServer();
  workdir = mkdtempSync(join(tmpdir(), "backprop-edge-openapi-"));
  const response = await fetch(`${server.url}/api/openapi.json`);
  expect(response.status).toBe(200);
  documentPath = join(workdir, "openapi.json");
  writeFileSync(documentPath, await response.text());
});

afterAll(async () => {
  await server?.stop();
  if (workdir) rmSync(workdir, { recursive: true, force: true });
});

/** A linter's JSON report; a run that finds problems exits non-zero and still reports them. */
function lint(script: string, args: string[]): string {
  try {
    return execFileSync(process.execPath, [join(repoRoot, script), ...args], {
      cwd: repoRoot,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    if (stdout?.trim() || script.includes("spectral")) return stdout ?? "";
    throw new Error(`${script} failed: ${stderr ?? String(error)}`);
  }
}

it("Redocly (recommended): 0 errors, 0 warnings", () => {
  const report = JSON.parse(
    lint("node_modules/@redocly/cli/bin/cli.js", [
      "lint",
      documentPath,
      "--config",
      join(repoRoot, "redocly.yaml"),
      "--format",
      "json",
    ]),
  ) as { totals: { errors: number; warnings: number }; problems: unknown[] };
  expect(report.problems).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
});

it("Spectral (spectral:oas): 0 errors, 0 warnings", () => {
  // It prints a summary line after the JSON, so the report goes to a file of its own.
  const reportPath = join(workdir, "spectral.json");
  lint("node_modules/@stoplight/spectral-cli/dist/index.js", [
    "lint",
    documentPath,
    "--ruleset",
    join(repoRoot, ".spectral.yaml"),
    "--format",
    "json",
    "--output",
    reportPath,
    "--fail-severity",
    "hint",
  ]);
  const results = JSON.parse(readFileSync(reportPath, "utf8")) as {
    code: string;
    message: string;
    path: string[];
  }[];
  expect(results.map((r) => `${r.code} at ${r.path.join(".")}: ${r.message}`)).toEqual([]);
});
