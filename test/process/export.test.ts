// Every export format, downloaded from a real `wrangler dev`, run in the runtime it is made for,
// against what the same API's predict answers: the JavaScript module to the bit, the others to
// 1e-12 × max(1, |y|). Over the grid of test/support/export-grid.ts and rows beyond the tables.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ExportFormat,
  exportFileName,
  exportFormats,
  exportView,
  type Model,
  onnxIrVersion,
  onnxOpset,
  type TrainRequest,
  usageSnippet,
} from "../../shared/index.ts";
import { type DevServer, repoRoot, startDevServer } from "../support/dev-server.ts";
import { checkRows, exportGrid } from "../support/export-grid.ts";
import { exportExamples, exportPrograms, exportSnippets } from "./export-examples.ts";
import {
  onnxCheck,
  python,
  pythonPredict,
  runC,
  runJavaScript,
  runOnnx,
  runPython,
  runtimes,
  skipWithout,
  worstRelativeError,
} from "./export-runtimes.ts";
import { readmeExamples } from "./readme-examples.ts";

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
  // (A fresh clone has no test-results/ yet: vitest writes its report there only at the end.)
  mkdirSync(join(repoRoot, "test-results"), { recursive: true });
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

describe("docs/export.md: the commands and programs, run as printed", () => {
  let docsDir: string;
  const env: Record<string, string> = {};
  /** In bash as a reader types it; `node` is the project's (24), `python3` Debian's when there. */
  const run = (command: string) =>
    execFileSync("bash", ["-c", command], {
      cwd: docsDir,
      env: {
        ...process.env,
        ...env,
        PATH: [
          `${repoRoot}/node_modules/.bin`,
          python.includes("/") ? dirname(python) : "",
          process.env.PATH,
        ]
          .filter(Boolean)
          .join(":"),
      },
      encoding: "utf8",
    });
  let id = "";
  let model: Model;
  let expected = 0;

  beforeAll(() => {
    // A folder of a reader's own, outside the repository: onnxruntime-node is installed there.
    docsDir = mkdtempSync(join(tmpdir(), "backprop-edge-export-docs-"));
    env.BASE = server.url;
    run(readmeExamples.csv);
    const created = JSON.parse(run(exportExamples.trainNamed)) as { id: string; model: Model };
    id = created.id;
    model = created.model;
    env.ID = id;
    // By curl, like the rest of this part: fetch's pooled connection has been idle through the
    // grid's tests, long enough for workerd to close it under fetch's feet.
    const predicted = JSON.parse(run(`curl -s "$BASE/api/models/$ID/predict?x=0,0"`)) as {
      outputs: number[][];
    };
    expected = predicted.outputs[0]?.[0] as number;
    for (const [file, lines] of Object.entries(exportPrograms)) {
      writeFileSync(join(docsDir, file), `${lines.join("\n")}\n`);
    }
  });
  afterAll(() => {
    if (docsDir) rmSync(docsDir, { recursive: true, force: true });
  });

  it("the docs' usage lines are the very ones the file and the page show", () => {
    const view = exportView(model);
    for (const format of exportFormats) {
      expect(usageSnippet(format, view, id)).toEqual(exportSnippets[format]);
    }
  });

  it("curl -OJ saves each file under the model's name, its header showing the usage lines", () => {
    run(exportExamples.downloadOnnx);
    run(exportExamples.downloadAll);
    const view = exportView(model);
    for (const format of exportFormats) {
      const file = readFileSync(join(docsDir, exportFileName(format, view, id)));
      expect(file.length).toBeGreaterThan(100);
      // Text files say it in comments; the ONNX file in its doc_string, as protobuf bytes.
      for (const line of exportSnippets[format]) expect(file.toString("utf8")).toContain(line);
    }
  });

  /** The first number printed on its own (Node's `Float64Array(1) [ … ]`, numpy's `[[…]]`, C's). */
  const number = (text: string) =>
    Number(/(?:^|[\s[])(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)/i.exec(text)?.[1] ?? Number.NaN);
  /** The printed number is the API's output, to the digits the printer shows. */
  const close = (value: number, digits = 17) =>
    expect(Math.abs(value - expected)).toBeLessThanOrEqual(
      Math.max(tolerance, 10 ** -(digits - 1)) * Math.max(1, expected),
    );

  it("js: node use-js.mjs prints the API's output", () => {
    close(number(run(exportExamples.runJs)));
  });

  it("onnx: onnxruntime-node installs with its documented skip switch; node use-onnx.mjs", () => {
    run(exportExamples.installOnnxRuntime);
    close(number(run(exportExamples.runOnnx)));
  }, 300_000);

  it.skipIf(skipWithout(runtimes.numpy))("py: python3 use.py", () => {
    // numpy prints 8 significant digits; predict's full precision is the grid test's concern.
    close(number(run(exportExamples.runPy)), 8);
  });

  it.skipIf(skipWithout(runtimes.gcc))(
    "c: gcc -Werror builds use.c and it prints the output",
    () => {
      close(number(run(exportExamples.buildC)));
    },
  );
});
