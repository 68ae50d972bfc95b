// Every export format, downloaded from a real `wrangler dev`, run in the runtime it is made for,
// against what the same API's predict answers: the JavaScript module to the bit, the others to
// 1e-12 × max(1, |y|). Over the grid of test/support/export-grid.ts and rows beyond the tables.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ExportFormat,
  exportFormats,
  onnxIrVersion,
  onnxOpset,
  type TrainRequest,
} from "../../shared/index.ts";
import { type DevServer, repoRoot, startDevServer } from "../support/dev-server.ts";
import { checkRows, exportGrid } from "../support/export-grid.ts";
import {
  onnxCheck,
  pythonPredict,
  runC,
  runJavaScript,
  runOnnx,
  runPython,
  runtimes,
  skipWithout,
  worstRelativeError,
} from "./export-runtimes.ts";

const tolerance = 1e-12;

type Trained = {
  label: string;
  id: string;
  inputs: number;
  outputs: number;
  rows: number[][];
  /** What POST /predict answers for `rows`. */
  api: number[][];
  /** Each format's file as downloaded, by path. */
  files: Record<ExportFormat, string>;
};

let server: DevServer;
let dir: string;
const trained: Trained[] = [];
/** Worst error per format over the grid, printed at the end as the figure this test measured. */
const worst: Partial<Record<ExportFormat, number>> = {};

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function trainAndDownload(label: string, request: TrainRequest): Promise<Trained> {
  const response = await post("/api/train", request);
  if (response.status !== 201) throw new Error(`${label}: train gave ${response.status}`);
  const { id } = (await response.json()) as { id: string };
  const rows = checkRows(request.table);
  const predicted = await post(`/api/models/${id}/predict`, { inputs: rows });
  const { outputs: api } = (await predicted.json()) as { outputs: number[][] };
  const files = {} as Record<ExportFormat, string>;
  for (const format of exportFormats) {
    const file = await fetch(`${server.url}/api/models/${id}/export/${format}`);
    expect(file.status).toBe(200);
    const name = /filename="([^"]+)"/.exec(file.headers.get("Content-Disposition") ?? "")?.[1];
    if (!name) throw new Error(`${label}: no file name for ${format}`);
    // Each model in a folder of its own: two models may have the same name.
    const folder = join(dir, id);
    mkdirSync(folder, { recursive: true });
    files[format] = join(folder, name);
    writeFileSync(files[format], new Uint8Array(await file.arrayBuffer()));
  }
  const inputs = request.table.inputs[0]?.length ?? 0;
  const outputs = request.table.targets[0]?.length ?? 0;
  return { label, id, inputs, outputs, rows, api, files };
}

beforeAll(async () => {
  server = await startDevServer({ vars: { RATE_LIMIT: "off" } });
  // Inside the repository, so that a downloaded module's own imports would resolve as a user's.
  dir = mkdtempSync(join(repoRoot, "test-results/export-"));
  for (const { label, request } of exportGrid())
    trained.push(await trainAndDownload(label, request));
}, 300_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  console.log(
    `exports vs the API over ${trained.length} models: worst |Δ|/max(1,|y|) ${JSON.stringify(worst)}`,
  );
});

describe("every export in its real runtime agrees with the API", () => {
  it("covers the grid the issue lists", () => {
    expect(trained.length).toBeGreaterThanOrEqual(40);
    expect(trained.some((model) => model.outputs === 16)).toBe(true);
    expect(trained.some((model) => model.inputs === 16)).toBe(true);
  });

  it("js: Node imports the downloaded module; its outputs equal the API's bit for bit", async () => {
    let mismatches = 0;
    for (const model of trained) {
      const outputs = await runJavaScript(model.files.js, model.rows);
      // toStrictEqual tells 0 from -0 and compares every double exactly.
      expect(outputs, model.label).toStrictEqual(model.api);
      mismatches += worstRelativeError(outputs, model.api) === 0 ? 0 : 1;
    }
    worst.js = mismatches;
  });

  it.skipIf(skipWithout(runtimes.onnxruntime))(
    "onnx: onnxruntime-node runs the file in double precision, within 1e-12",
    async () => {
      let largest = 0;
      for (const model of trained) {
        const outputs = await runOnnx(model.files.onnx, model.rows, model.inputs);
        const error = worstRelativeError(outputs, model.api);
        expect(error, model.label).toBeLessThanOrEqual(tolerance);
        largest = Math.max(largest, error);
      }
      worst.onnx = largest;
    },
  );

  it.skipIf(skipWithout(runtimes.onnx))(
    "onnx: python3-onnx's checker accepts every file with full_check",
    () => {
      const reports = runPython<
        {
          irVersion: number;
          opsets: [string, number][];
          ops: string[];
          types: number[];
          metadata: Record<string, string>;
          docString: string;
        }[]
      >(
        onnxCheck,
        trained.map((model) => model.files.onnx),
      );
      reports.forEach((report, k) => {
        const model = trained[k] as Trained;
        expect(report.irVersion).toBe(onnxIrVersion);
        expect(report.opsets).toEqual([["", onnxOpset]]);
        // DOUBLE (11) only; no LeakyRelu, whose alpha is a 32-bit float.
        expect(report.types).toEqual([11]);
        expect(report.ops).not.toContain("LeakyRelu");
        expect(report.ops).toContain("Gemm");
        expect(report.metadata).toMatchObject({ id: model.id });
        expect(report.docString).toContain(model.id);
      });
    },
  );

  it.skipIf(skipWithout(runtimes.numpy))(
    "py: Debian's python3 and numpy import the file; within 1e-12",
    () => {
      const answers = runPython<number[][][]>(
        pythonPredict,
        trained.map((model) => ({ path: model.files.py, rows: model.rows })),
      );
      let largest = 0;
      trained.forEach((model, k) => {
        const error = worstRelativeError(answers[k] ?? [], model.api);
        expect(error, model.label).toBeLessThanOrEqual(tolerance);
        largest = Math.max(largest, error);
      });
      worst.py = largest;
    },
  );

  it.skipIf(skipWithout(runtimes.gcc))(
    "c: gcc -std=c99 -Wall -Wextra -Werror -pedantic compiles a driver; its %.17g outputs within 1e-12",
    () => {
      let largest = 0;
      for (const model of trained) {
        const header = model.files.c;
        const prefix = /(\w+)_predict\(const double \*in/.exec(readFileSync(header, "utf8"))?.[1];
        if (!prefix) throw new Error(`${model.label}: no predict function in the header`);
        const outputs = runC(
          join(header, ".."),
          header.split("/").pop() as string,
          prefix,
          model.inputs,
          model.outputs,
          model.rows,
        );
        const error = worstRelativeError(outputs, model.api);
        expect(error, model.label).toBeLessThanOrEqual(tolerance);
        largest = Math.max(largest, error);
      }
      worst.c = largest;
    },
  );
});
