// The README's curl examples, run with real curl against a real `wrangler dev`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { train } from "../../shared/index.ts";
import { siteCsp } from "../../worker/headers.ts";
import { type DevServer, repoRoot, startDevServer } from "../support/dev-server.ts";
import { shownOutput } from "../support/doc-blocks.ts";
import { ensureSiteBuilt } from "../support/site-build.ts";
import { readmeExamples } from "./readme-examples.ts";

let server: DevServer;
let workdir: string;
const vars: Record<string, string> = {};

/** Runs one README command in bash, as a reader would paste it. */
function run(command: string): string {
  return execFileSync("bash", ["-c", command], {
    cwd: workdir,
    env: { ...process.env, ...vars },
    encoding: "utf8",
  });
}

/** Status line and body of a `curl -i` answer. */
function parseHttp(text: string): { status: number; headers: string; body: string } {
  const [head = "", body = ""] = text.split(/\r?\n\r?\n/, 2);
  return { status: Number(/^HTTP\/[\d.]+ (\d+)/.exec(head)?.[1]), headers: head, body };
}

beforeAll(async () => {
  // The dev server serves site/dist as it finds it; the page checks below need it built.
  ensureSiteBuilt();
  server = await startDevServer();
  workdir = mkdtempSync(join(tmpdir(), "backprop-edge-curl-"));
  vars.BASE = server.url;
});
afterAll(async () => {
  await server?.stop();
  if (workdir) rmSync(workdir, { recursive: true, force: true });
});

describe("README curl examples", () => {
  it("health", () => {
    expect(JSON.parse(run(readmeExamples.health))).toMatchObject({
      ok: true,
      limits: { maxCost: expect.any(Number) },
    });
  });

  it("trains from CSV, predicts by GET and POST, fetches and deletes", () => {
    run(readmeExamples.csv);
    const trained = JSON.parse(run(readmeExamples.trainCsv)) as {
      id: string;
      deleteToken: string;
      result: { accuracy: number; epochs: number };
      model: { request: { table: { inputNames: string[] } } };
    };
    expect(trained.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(trained.result).toMatchObject({ accuracy: 1, epochs: 2000 });
    expect(trained.model.request.table.inputNames).toEqual(["a", "b"]);
    vars.ID = trained.id;
    vars.TOKEN = trained.deleteToken;

    const printedByGet = run(readmeExamples.predictGet);
    const byGet = JSON.parse(printedByGet) as { outputs: number[][] };
    expect(byGet.outputs.map(([y]) => Math.round(y ?? Number.NaN))).toEqual([0, 1, 1, 0]);
    const printedByPost = run(readmeExamples.predictPost);
    const byPost = JSON.parse(printedByPost) as { outputs: number[][] };
    expect(byPost.outputs).toEqual([byGet.outputs[3], byGet.outputs[2]]);
    // Training is deterministic, so the outputs the README prints are the ones a reader gets.
    expect(shownOutput(readmeExamples.predictGet)).toEqual([printedByGet.trim()]);
    expect(shownOutput(readmeExamples.predictPost)).toEqual([printedByPost.trim()]);

    const fetched = parseHttp(run(readmeExamples.fetch));
    expect(fetched.status).toBe(200);
    expect(fetched.headers).toMatch(/etag: "[A-Za-z0-9_-]{22}"/i);
    expect(JSON.parse(fetched.body)).toMatchObject({ id: trained.id, result: trained.result });

    expect(parseHttp(run(readmeExamples.deleteModel)).status).toBe(204);
    const gone = parseHttp(run(readmeExamples.fetch));
    expect(gone.status).toBe(404);
    expect(gone.headers).toMatch(/content-type: application\/problem\+json/i);
  });

  it("trains from JSON without storing", () => {
    const body = JSON.parse(run(readmeExamples.trainJson)) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["model", "result"]);
    expect(body.result).toMatchObject({ accuracy: 1 });
    // workerd's run and Node's of the same request land on the same bits.
    const sent = JSON.parse(/-d '(.*)'$/.exec(readmeExamples.trainJson)?.[1] ?? "null");
    const { persist: _persist, ...request } = sent;
    const inNode = train(request);
    expect(body.model).toStrictEqual(inNode.model);
    expect(body.result).toMatchObject({ weightsHash: inNode.weightsHash, loss: inNode.loss });
  });

  it("explains a bad request and one over the budget", () => {
    run(readmeExamples.csv);
    expect(JSON.parse(run(readmeExamples.invalid))).toMatchObject({
      status: 400,
      issues: [{ path: "table.inputs.0.1" }],
    });
    expect(JSON.parse(run(readmeExamples.overBudget))).toMatchObject({
      status: 422,
      limit: "maxCost",
    });
  });
});

describe("the site beside the API", () => {
  it("serves the page for /m/{id} with the site's CSP, and an /api miss as problem+json", async () => {
    const page = await fetch(`${server.url}/m/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(await page.text()).toBe(readFileSync(join(repoRoot, "site/dist/index.html"), "utf8"));
    expect(page.headers.get("Content-Security-Policy")).toBe(siteCsp);
    expect(page.headers.get("X-Content-Type-Options")).toBe("nosniff");
    // Browsers send Sec-Fetch-Mode: navigate, which is what makes assets answer with the page.
    const navigate = { headers: { "Sec-Fetch-Mode": "navigate", Accept: "text/html" } };
    for (const path of ["/api/nothing-here", "/api", "/api/"]) {
      const miss = await fetch(`${server.url}${path}`, navigate);
      expect(miss.status, path).toBe(404);
      expect(miss.headers.get("Content-Type"), path).toBe("application/problem+json");
    }
    const wrongMethod = await fetch(`${server.url}/api`, { method: "POST" });
    expect(wrongMethod.headers.get("Content-Type")).toBe("application/problem+json");
  });
});
