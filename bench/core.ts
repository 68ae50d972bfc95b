// `npm run bench`: the core's speed on the five tasks of issue 2, against the same loops in C
// (gcc -O2) and the notebook's numpy code, in one run on this machine. Prints markdown tables.
import { cpus, loadavg } from "node:os";
import { defaultLimits, formatFigure, type TrainResult, train } from "../shared/index.ts";
import { buildC, type ExternalResult, type ExternalRun, runC, runNumpy } from "./external.ts";
import { type BenchTask, overheadTask, tasks } from "./tasks.ts";

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
  const warmUp = {
    ...task.request,
    training: { ...training, epochs: Math.ceil(training.epochs / 10) },
  };
  for (let run = 0; run < 3; run++) train(warmUp, noCostLimit);
  const first = process.hrtime.bigint();
  let result = train(task.request, noCostLimit);
  const repeats = repeatsFor(task, Number(process.hrtime.bigint() - first));
  const times: number[] = [];
  for (let run = 0; run < repeats; run++) {
    const start = process.hrtime.bigint();
    result = train(task.request, noCostLimit);
    times.push(Number(process.hrtime.bigint() - start));
  }
  return { medianNs: median(times), result };
}

/** Short runs are repeated for at least half a second (as bench/core.c does), so that a median is
 * not one busy moment of a shared machine. */
function repeatsFor(task: BenchTask, oneRunNs: number): number {
  let repeats = task.repeats;
  while (repeats < 1001 && repeats * oneRunNs < 0.5e9) repeats += 2;
  return repeats;
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

function printMachine(c: ExternalResult, numpy: ExternalResult, load: string): void {
  const cpu = cpus();
  console.log(`# npm run bench: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`);
  console.log(
    `machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, Node ${process.version}`,
  );
  console.log(
    `C: ${"version" in c ? `${c.version}, gcc -O2 -o bench/build/core bench/core.c -lm` : c.missing}`,
  );
  console.log(
    `numpy: ${"version" in numpy ? `${numpy.version}, in-process time.perf_counter` : numpy.missing}`,
  );
  console.log(load);
  console.log(
    "medians of timed runs after warm-up; cost = the core's multiply-adds of the whole run\n",
  );
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
      other.epochs === epochs
        ? disagreement(weightsOf(result), other.weights)
        : Number.POSITIVE_INFINITY;
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
  console.log(
    "\n| task | numpy µs/epoch | TS µs/epoch | numpy/TS | C µs/epoch | numpy/C | target | numpy vs TS weights |",
  );
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

/**
 * The default budget. A run's CPU is about a·cost + b·epochs: b, the per-epoch overhead, from the
 * smallest network at maxEpochs (T0); a, the worst rate per multiply-add once b is taken off. The
 * largest allowed run (cost = maxCost, on the smallest network that can reach it in maxEpochs)
 * then takes a·maxCost + b·maxEpochs, which must fit the CPU a request may use.
 */
function printBudget(ts: Map<string, TsRun>, overhead: TsRun): void {
  const maxEpochs = defaultLimits.maxEpochs;
  const perEpoch = overhead.medianNs / overhead.result.epochs;
  let worst = { id: "", ns: 0, marginal: 0 };
  for (const [id, run] of ts) {
    const epochs = run.result.epochs;
    const marginal = (run.medianNs / epochs - perEpoch) / (run.result.cost / epochs);
    const ns = nsPerMultiplyAdd(run.medianNs, run.result);
    if (marginal > worst.marginal) worst = { id, ns, marginal };
  }
  const budgetMs = cpuBudgetNs / 1e6;
  const perEpochMultiplyAdds = Math.ceil(perEpoch / worst.marginal);
  console.log(
    `\nmaxCost: the worst task is ${worst.id} at ${worst.ns.toFixed(2)} ns per multiply-add ` +
      `(${worst.marginal.toFixed(2)} ns once the per-epoch overhead is taken off). ` +
      `${overheadTask.id} (${overheadTask.title}, cost ${overhead.result.cost.toExponential(1)}) takes ` +
      `${(overhead.medianNs / 1e6).toFixed(2)} ms: ${perEpoch.toFixed(0)} ns per epoch that cost does not count.`,
  );
  console.log(
    `A (recommended): count ${perEpochMultiplyAdds} multiply-adds per epoch more in trainingCost, ` +
      `so that cost tracks CPU for small networks too; then maxCost = ${budgetMs} ms / ` +
      `${worst.marginal.toFixed(2)} ns = ${roundDown(cpuBudgetNs / worst.marginal)}.`,
  );
  const left = cpuBudgetNs - perEpoch * maxEpochs;
  if (left > 0) {
    console.log(
      `B (cost as it is): the largest allowed run takes ${worst.marginal.toFixed(2)} ns × maxCost + ` +
        `${perEpoch.toFixed(0)} ns × ${maxEpochs} epochs ≤ ${budgetMs} ms → maxCost = ${roundDown(left / worst.marginal)} ` +
        `(now ${formatFigure(defaultLimits.maxCost)}).`,
    );
  } else {
    const epochs = Math.floor(cpuBudgetNs / 2 / perEpoch);
    console.log(
      `B (cost as it is): no maxCost is enough, ${overheadTask.id} alone takes over ${budgetMs} ms; ` +
        `with maxEpochs lowered to ${epochs} (half the budget), maxCost = ${roundDown(cpuBudgetNs / 2 / worst.marginal)} ` +
        `(now ${formatFigure(defaultLimits.maxCost)}).`,
    );
  }
}

/** 3.86e5 → "3e5": a budget rounded down to one significant digit. */
function roundDown(value: number): string {
  const scale = 10 ** Math.floor(Math.log10(value));
  return (Math.floor(value / scale) * scale).toExponential(0).replace("+", "");
}

/** Adds one task's runs to the ones so far; a yardstick missing once is missing throughout. */
function collect(sofar: ExternalResult, part: ExternalResult): ExternalResult {
  if ("missing" in sofar) return sofar;
  if ("missing" in part) return part;
  return { runs: new Map([...sofar.runs, ...part.runs]), version: part.version };
}

function main(): void {
  const loadBefore = loadavg()[0] ?? 0;
  const build = buildC();
  const empty = (): ExternalResult => ({ runs: new Map(), version: "" });
  let c = empty();
  let cV8 = empty();
  let numpy = empty();
  const ts = new Map<string, TsRun>();
  // Task by task, every implementation back to back, so that a ratio compares runs made under the
  // same load (other processes on a shared machine come and go over a minute).
  for (const task of tasks) {
    c = collect(c, runC(build, [task], false));
    cV8 = collect(cV8, runC(build, [task], true));
    if (numpyTasks.has(task.id)) numpy = collect(numpy, runNumpy([task]));
    ts.set(task.id, timeTrain(task));
  }
  const overhead = timeTrain(overheadTask);
  const loadAfter = loadavg()[0] ?? 0;
  printMachine(
    c,
    numpy,
    `load average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
  );
  const agrees = printCoreTable(ts, c, cV8);
  printNumpyTable(ts, c, numpy);
  printBudget(ts, overhead);
  if (!agrees) {
    console.error(
      `\nTS and C (with V8's exp) differ by more than ${agreementBound} (relative): ` +
        "not the same arithmetic. Bit-identical is expected when the core sums in the same order.",
    );
    process.exitCode = 1;
  }
}

main();
