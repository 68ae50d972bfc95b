// The two yardsticks that run outside Node: the C loops (bench/core.c, built here with gcc -O2)
// and the notebook's numpy code (bench/numpy_loop.py). Both read the tasks as text on stdin and
// print one line per task: `name median_ns_per_run epochs_run weight...`.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type BenchTask, taskAsText } from "./tasks.ts";

export type ExternalRun = { medianNs: number; epochs: number; weights: number[] };
/** Either every task's run by name, or why this yardstick could not run on this machine. */
export type ExternalResult =
  | { runs: Map<string, ExternalRun>; version: string }
  | { missing: string };

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const source = here("core.c");
const buildDir = here("build");
const binary = here("build/core");

function firstLine(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error || result.status !== 0) return undefined;
  return `${result.stdout}${result.stderr}`.trim().split("\n")[0];
}

function parseRuns(stdout: string): Map<string, ExternalRun> {
  const runs = new Map<string, ExternalRun>();
  for (const line of stdout.trim().split("\n")) {
    const [name, medianNs, epochs, ...weights] = line.trim().split(/\s+/);
    if (name === undefined || name === "") continue;
    runs.set(name, {
      medianNs: Number(medianNs),
      epochs: Number(epochs),
      weights: weights.map(Number),
    });
  }
  return runs;
}

function runWithTasks(
  command: string,
  args: string[],
  tasks: BenchTask[],
): Map<string, ExternalRun> {
  const input = `${tasks.map(taskAsText).join("\n")}\n`;
  const result = spawnSync(command, args, { input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0)
    throw new Error(`${command} failed (${result.status}): ${result.stderr}`);
  return parseRuns(result.stdout);
}

export type CBuild = { binary: string; version: string } | { missing: string };

/** Builds bench/core.c with the exact command the README gives. */
export function buildC(): CBuild {
  const version = firstLine("gcc", ["--version"]);
  if (version === undefined) return { missing: "no gcc found: the C columns are left out" };
  mkdirSync(buildDir, { recursive: true });
  const build = spawnSync("gcc", ["-O2", "-o", binary, source, "-lm"], { encoding: "utf8" });
  if (build.status !== 0) return { missing: `gcc -O2 failed: ${build.stderr.trim()}` };
  return { binary, version };
}

/** How long the C times each task: at least `seconds` of runs and at least `runs` runs. */
export type Measurement = { seconds: number; runs: number };

/** Runs every task in the C build. */
export function runC(build: CBuild, tasks: BenchTask[], measurement?: Measurement): ExternalResult {
  if ("missing" in build) return build;
  const args = measurement ? [String(measurement.seconds), String(measurement.runs)] : [];
  return { runs: runWithTasks(build.binary, args, tasks), version: build.version };
}

/** Runs the notebook's numpy loops in-process in python3, if python3 and numpy are installed. */
export function runNumpy(tasks: BenchTask[]): ExternalResult {
  const probe = spawnSync(
    "python3",
    ["-c", "import numpy, sys; print(sys.version.split()[0], numpy.__version__)"],
    {
      encoding: "utf8",
    },
  );
  if (probe.error) return { missing: "no python3 found: the numpy column is left out" };
  if (probe.status !== 0) {
    return { missing: "python3 has no numpy (Debian: apt-get install -y python3-numpy): left out" };
  }
  const [python, numpy] = probe.stdout.trim().split(" ");
  return {
    runs: runWithTasks("python3", [here("numpy_loop.py")], tasks),
    version: `python ${python}, numpy ${numpy}`,
  };
}
