// The runtimes each export is made for, run for real: onnxruntime-node, Debian's python3 with
// numpy and python3-onnx, gcc. A missing one is reported, and with CI=true it is a failure.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

export const inCi = process.env.CI === "true";

/** Debian's python3 (the packages .ci/run installs are for it), else whichever is on PATH. */
export const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

function pythonHas(module: string): boolean {
  return spawnSync(python, ["-c", `import ${module}`], { stdio: "ignore" }).status === 0;
}

function commandWorks(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

export type Runtime = { name: string; available: boolean; install: string };

export const runtimes = {
  onnxruntime: {
    name: "onnxruntime-node",
    available: existsSync(
      new URL("../../node_modules/onnxruntime-node/package.json", import.meta.url),
    ),
    install: "npm ci (it is a devDependency)",
  },
  numpy: {
    name: "python3 with numpy",
    available: pythonHas("numpy"),
    install: "apt-get install python3-numpy",
  },
  onnx: {
    name: "python3-onnx",
    available: pythonHas("onnx"),
    install: "apt-get install python3-onnx",
  },
  gcc: {
    name: "gcc",
    available: commandWorks("gcc", ["--version"]),
    install: "apt-get install gcc",
  },
} satisfies Record<string, Runtime>;

/**
 * Whether a test on this runtime is skipped: never in CI (the test then runs and fails on the
 * missing runtime); elsewhere it says which runtime is missing and how to get it.
 */
export function skipWithout(runtime: Runtime): boolean {
  if (runtime.available || inCi) return false;
  console.warn(`skipped: ${runtime.name} is missing here (${runtime.install}); CI runs it`);
  return true;
}

/** Runs a Python program with `input` as JSON on stdin; its JSON answer. */
export function runPython<T>(program: string, input: unknown): T {
  const output = execFileSync(python, ["-c", program], {
    input: JSON.stringify(input),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output) as T;
}

/** Imports each Python module file and calls its predict on its rows (json floats are repr). */
export const pythonPredict = String.raw`
import importlib.util, json, sys
jobs = json.load(sys.stdin)
answers = []
for k, job in enumerate(jobs):
    spec = importlib.util.spec_from_file_location("exported_%d" % k, job["path"])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    answers.append(module.predict(job["rows"]).tolist())
print(json.dumps(answers))
`;

/** The official checker with full_check on each file, and what the file says of itself. */
export const onnxCheck = String.raw`
import json, sys
import onnx
answers = []
for path in json.load(sys.stdin):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    answers.append({
        "irVersion": model.ir_version,
        "opsets": [[o.domain, o.version] for o in model.opset_import],
        "ops": sorted(set(n.op_type for n in model.graph.node)),
        "types": sorted(set(t.data_type for t in model.graph.initializer)),
        "metadata": {p.key: p.value for p in model.metadata_props},
        "docString": model.doc_string,
        "onnxVersion": onnx.__version__,
    })
print(json.dumps(answers))
`;

export const cFlags = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"];

/** Compiles a driver for the header under -Werror and returns its %.17g outputs per row. */
export function runC(
  dir: string,
  headerFile: string,
  prefix: string,
  inputs: number,
  outputs: number,
  rows: number[][],
): number[][] {
  const driver = `${dir}/${prefix}-driver.c`;
  const binary = `${dir}/${prefix}-driver`;
  const source = [
    "#include <stdio.h>",
    `#include "${headerFile}"`,
    `static const double rows[${rows.length}][${inputs}] = {`,
    ...rows.map((row) => `  {${row.map((x) => x.toPrecision(17)).join(", ")}},`),
    "};",
    "int main(void) {",
    `  double out[${outputs}];`,
    "  int r, k;",
    `  for (r = 0; r < ${rows.length}; r++) {`,
    `    ${prefix}_predict(rows[r], out);`,
    `    for (k = 0; k < ${outputs}; k++) printf(k == 0 ? "%.17g" : " %.17g", out[k]);`,
    '    printf("\\n");',
    "  }",
    "  return 0;",
    "}",
    "",
  ].join("\n");
  writeFileSync(driver, source);
  execFileSync("gcc", [...cFlags, "-o", binary, driver, "-lm"], { cwd: dir, stdio: "pipe" });
  return execFileSync(binary, { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.split(" ").map(Number));
}

/** onnxruntime-node on the file, in double precision. */
export async function runOnnx(path: string, rows: number[][], inputs: number): Promise<number[][]> {
  const ort = await import("onnxruntime-node");
  const session = await ort.InferenceSession.create(path);
  const tensor = new ort.Tensor("float64", Float64Array.from(rows.flat()), [rows.length, inputs]);
  const result = await session.run({ input: tensor });
  const output = result.output;
  if (output?.type !== "float64") throw new Error("no float64 output named output");
  const [, width = 0] = output.dims;
  const data = output.data as Float64Array;
  return rows.map((_, r) => Array.from(data.subarray(r * width, (r + 1) * width)));
}

/** The exported JavaScript module, imported by Node from the downloaded file. */
export async function runJavaScript(path: string, rows: number[][]): Promise<number[][]> {
  const module = (await import(`${pathToFileURL(path).href}?${Date.now()}`)) as {
    predict(rows: number[][]): number[][];
  };
  return module.predict(rows);
}

/** The largest |got − want| / max(1, |want|) over all values. */
export function worstRelativeError(got: number[][], want: number[][]): number {
  let worst = 0;
  want.forEach((row, r) => {
    row.forEach((value, k) => {
      const error = Math.abs((got[r]?.[k] ?? Number.NaN) - value) / Math.max(1, Math.abs(value));
      worst = Number.isNaN(error) ? Number.POSITIVE_INFINITY : Math.max(worst, error);
    });
    if ((got[r]?.length ?? 0) !== row.length) worst = Number.POSITIVE_INFINITY;
  });
  if (got.length !== want.length) worst = Number.POSITIVE_INFINITY;
  return worst;
}
