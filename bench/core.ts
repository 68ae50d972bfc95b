// `npm run bench`: the core's speed on the five tasks of issue 2, against the same loops in C
// (gcc -O2) and the notebook's numpy code, in one run on this machine. Prints markdown tables.
import { cpus } from "node:os";
import { defaultLimits, type TrainResult, train } from "../shared/index.ts";
import { buildC, type ExternalResult, type ExternalRun, runC, runNumpy } from "./external.ts";
import { type BenchTask, tasks } from "./tasks.ts";

/** The ratio TS/C each task must stay under (issue 2), and how much faster than numpy T1 must be. */
const tsOverCTarget: Record<string, number> = { T1: 1.3, T2: 1.5, T3: 1.8, T4: 1.8, T5: 1.8 };
const numpyOverTsTarget: Record<string, number> = { T1: 45 };
/** Tasks the numpy yardstick runs: the notebook itself, and the one where BLAS can pay off. */
const numpyTasks = new Set(["T1", "T5"]);
/** The free plan's CPU per request: the largest allowed run should fit in it. */
const cpuBudgetNs = 10e6;
/** Weights of two implementations of one algorithm must agree this closely (max |Δw| / max |w|). */
const agreementBound = 1e-9;

type TsRun = { medianNs: number; result: TrainResult };

const noCostLimit = { ...defaultLimits, maxCost: Number.POSITIVE_INFINITY };

function timeTrain(task: BenchTask): TsRun {
  const { training } = task.request;
  // Warm-up on a tenth of the epochs: enough for V8 to optimise the loops, cheap on the long task.
  const warmUp = { ...task.request, training: { ...training, epochs: Math.ceil(training.epochs / 10) } };
  for (let run = 0; run < 3; run++) train(warmUp, noCostLimit);
  const times: number[] = [];
  let result = train(task.request, noCostLimit);
  for (let run = 0; run < task.repeats; run++) {
    const start = process.hrtime.bigint();
    result = train(task.request, noCostLimit);
    times.push(Number(process.hrtime.bigint() - start));
  }
  return { medianNs: median(times), result };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Every weight, then the bias, layer by layer: the order bench/core.c prints them in. */
function weightsOf(result: TrainResult): number[] {
  return result.model.layers.flatMap((layer) => [...layer.weights.flat(), ...(layer.bias ?? [])]);
}

/** How far two weight vectors are apart, relative to the largest weight; 0 is bit-identical. */
function disagreement(ours: number[], theirs: number[]): number {
  if (ours.length !== theirs.length) return Number.POSITIVE_INFINITY;
  let largest = 0;
  let worst = 0;
  ours.forEach((w, k) => {
    largest = Math.max(largest, Math.abs(w));
    worst = Math.max(worst, Math.abs(w - (theirs[k] ?? Number.NaN)));
  });
  return Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst / largest;
}

const perEpochUs = (ns: number, epochs: number) => (ns / epochs / 1000).toPrecision(3);
const nsPerMultiplyAdd = (ns: number, result: TrainResult) => ns / result.cost;
const ratio = (x: number) => x.toFixed(2);
const agreementText = (d: number) =>
  d === 0 ? "bit-identical" : Number.isFinite(d) ? `${d.toExponential(1)} rel.` : "different";

function runOf(external: ExternalResult, id: string): ExternalRun | undefined {
  return "runs" in external ? external.runs.get(id) : undefined;
}

function printMachine(c: ExternalResult, numpy: ExternalResult): void {
  const cpu = cpus();
  console.log(`# npm run bench: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`);
  console.log(`machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, Node ${process.version}`);
  console.log(`C: ${"version" in c ? `${c.version}, gcc -O2 -o bench/build/core bench/core.c -lm` : c.missing}`);
  console.log(`numpy: ${"version" in numpy ? `${numpy.version}, in-process time.perf_counter` : numpy.missing}`);
  console.log("medians of timed runs after warm-up; cost = the core's multiply-adds of the whole run\n");
}

function printCoreTable(ts: Map<string, TsRun>, c: ExternalResult, cV8: ExternalResult): boolean {
  let agrees = true;
  console.log(
    "| task | epochs | cost (multiply-adds) | TS µs/epoch | TS ns/MA | C µs/epoch | TS/C | target " +
      "| C, V8's exp µs/epoch | TS/C, V8's exp | weights TS vs C, V8's exp | TS vs C, glibc exp |",
  );
  console.log("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
  for (const task of tasks) {
    const run = ts.get(task.id);
    if (!run) continue;
    const { result, medianNs } = run;
    const epochs = result.epochs;
    const target = tsOverCTarget[task.id] ?? Number.NaN;
    const cells = [
      `${task.id} ${task.title}`,
      String(epochs),
      result.cost.toExponential(2),
      perEpochUs(medianNs, epochs),
      nsPerMultiplyAdd(medianNs, result).toFixed(2),
    ];
    const native = runOf(c, task.id);
    const nativeV8 = runOf(cV8, task.id);
    const weightGap = (other: ExternalRun) =>
      other.epochs === epochs ? disagreement(weightsOf(result), other.weights) : Number.POSITIVE_INFINITY;
    if (native && nativeV8) {
      const exact = weightGap(nativeV8);
      if (!(exact <= agreementBound)) agrees = false;
      const timesC = medianNs / native.medianNs;
      cells.push(
        perEpochUs(native.medianNs, native.epochs),
        `**${ratio(timesC)}**`,
        `≤ ${target} ${timesC <= target ? "✓" : "✗"}`,
        perEpochUs(nativeV8.medianNs, nativeV8.epochs),
        ratio(medianNs / nativeV8.medianNs),
        agreementText(exact),
        agreementText(weightGap(native)),
      );
    } else {
      cells.push("–", "–", `≤ ${target}`, "–", "–", "–", "–");
    }
    console.log(`| ${cells.join(" | ")} |`);
  }
  return agrees;
}

function printNumpyTable(ts: Map<string, TsRun>, c: ExternalResult, numpy: ExternalResult): void {
  if (!("runs" in numpy)) return;
  console.log("\n| task | numpy µs/epoch | TS µs/epoch | numpy/TS | C µs/epoch | numpy/C | target | numpy vs TS weights |");
  console.log("|---|--:|--:|--:|--:|--:|--:|---|");
  for (const task of tasks) {
    const run = ts.get(task.id);
    const py = runOf(numpy, task.id);
    if (!run || !py) continue;
    const native = runOf(c, task.id);
    const fasterThanNumpy = py.medianNs / run.medianNs;
    const target = numpyOverTsTarget[task.id];
    console.log(
      `| ${[
        `${task.id} ${task.title}`,
        perEpochUs(py.medianNs, py.epochs),
        perEpochUs(run.medianNs, run.result.epochs),
        `**${ratio(fasterThanNumpy)}**`,
        native ? perEpochUs(native.medianNs, native.epochs) : "–",
        native ? ratio(py.medianNs / native.medianNs) : "–",
        target === undefined ? "–" : `≥ ${target} ${fasterThanNumpy >= target ? "✓" : "✗"}`,
        agreementText(disagreement(weightsOf(run.result), py.weights)),
      ].join(" | ")} |`,
    );
  }
}

/** The default budget: the slowest rate per multiply-add seen, times the CPU a request may use. */
function printBudget(ts: Map<string, TsRun>): void {
  let worst = { id: "", ns: 0 };
  for (const [id, run] of ts) {
    const ns = nsPerMultiplyAdd(run.medianNs, run.result);
    if (ns > worst.ns) worst = { id, ns };
  }
  const raw = cpuBudgetNs / worst.ns;
  const scale = 10 ** Math.floor(Math.log10(raw));
  const rounded = Math.floor(raw / scale) * scale;
  console.log(
    `\nmaxCost: the slowest task is ${worst.id} at ${worst.ns.toFixed(2)} ns per multiply-add (warm), ` +
      `so ${cpuBudgetNs / 1e6} ms of CPU buys ${raw.toExponential(2)} multiply-adds: ` +
      `recommend maxCost = ${rounded.toExponential(0)} (now ${defaultLimits.maxCost.toExponential(0)}).`,
  );
}

function main(): void {
  const build = buildC();
  const c = runC(build, tasks, false);
  const cV8 = runC(build, tasks, true);
  const numpy = runNumpy(tasks.filter((task) => numpyTasks.has(task.id)));
  const ts = new Map<string, TsRun>();
  for (const task of tasks) ts.set(task.id, timeTrain(task));
  printMachine(c, numpy);
  const agrees = printCoreTable(ts, c, cV8);
  printNumpyTable(ts, c, numpy);
  printBudget(ts);
  if (!agrees) {
    console.error(
      `\nTS and C (with V8's exp) differ by more than ${agreementBound} (relative): ` +
        "not the same arithmetic. Bit-identical is expected when the core sums in the same order.",
    );
    process.exitCode = 1;
  }
}

main();
