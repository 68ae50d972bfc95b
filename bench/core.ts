// `npm run bench`: the core's speed on the five tasks of issue 2, against the same loops in C
// (gcc -O2) and the notebook's numpy code, in one run on this machine. Prints markdown tables and
// writes them into its section of bench/README.md.
import { cpus, loadavg } from "node:os";
import {
  defaultLimits,
  formatFigure,
  type TrainResult,
  train,
  trainingCost,
} from "../shared/index.ts";
import { buildC, type ExternalResult, type ExternalRun, runC, runNumpy } from "./external.ts";
import { createReport, stamp } from "./report.ts";
import { type BenchTask, overheadTask, tasks } from "./tasks.ts";

/** The ratio TS/C each task must stay under (issue 2), and how much faster than numpy T1 must be. */
const tsOverCTarget: Record<string, number> = { T1: 1.0, T2: 1.1, T3: 1.25, T4: 1.1, T5: 1.2 };
const numpyOverTsTarget: Record<string, number> = { T1: 45 };
/** Tasks the numpy yardstick runs: the notebook itself, and the one where BLAS can pay off. */
const numpyTasks = new Set(["T1", "T5"]);
/** The free plan's CPU per request: the largest allowed run should fit in it. */
const cpuBudgetNs = 10e6;
/**
 * How closely the C's final weights must match the core's (max |Δw| / max |w|). The two differ only
 * in exp's last bit on a few arguments (glibc's against the core's own; with the core's exp ported
 * to C they were bit-identical on all five tasks), and a long run amplifies those ulps: T5's 2,000
 * epochs × 256 rows end about 1e-7 apart, the small tasks 1e-14.
 */
const agreementBound: Record<string, number> = {
  T1: 1e-12,
  T2: 1e-12,
  T3: 1e-12,
  T4: 1e-12,
  T5: 1e-5,
};

/**
 * Each task's TS/C ratio is the median of many pairs, each a short C measurement (at least
 * `pairSeconds` of runs) and the core's right after it: this machine's speed drifts by 2× over
 * seconds (other guests on the host), and a pair made moments apart sees the same speed on both
 * sides. A task whose one run is longer than that (T5) makes `longPairs` pairs of one run each.
 */
const pairSeconds = 0.05;
const shortPairs = 21;
const longPairs = 5;

/** Each task's TS/C ratio of every pair. */
const pairRatios = new Map<string, number[]>();

const report = createReport("core");

type TsRun = { medianNs: number; result: TrainResult };

const noCostLimit = { ...defaultLimits, maxCost: Number.POSITIVE_INFINITY };

/**
 * The process's CPU time in ns (user + system, µs resolution), as bench/core.c measures its own:
 * on a machine shared with other work, time spent waiting for a core is not the run's.
 */
function cpuNs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

/** Warm-up on a tenth of the epochs (enough for V8 to optimise the loops, cheap on the long
 * task), then three runs: how long the fastest took (one slow moment must not make a short task
 * look long and get 5 pairs instead of 21). */
function warmUp(task: BenchTask): { oneRunNs: number } {
  const { training } = task.request;
  const short = {
    ...task.request,
    training: { ...training, epochs: Math.ceil(training.epochs / 10) },
  };
  for (let run = 0; run < 3; run++) train(short, noCostLimit);
  let oneRunNs = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const start = cpuNs();
    train(task.request, noCostLimit);
    oneRunNs = Math.min(oneRunNs, cpuNs() - start);
  }
  return { oneRunNs };
}

/** The median of at least `runs` runs and at least `seconds` of them, as bench/core.c does. */
function timeRuns(task: BenchTask, oneRunNs: number, seconds: number, runs: number): TsRun {
  let repeats = runs;
  while (repeats < 1001 && repeats * oneRunNs < seconds * 1e9) repeats += 2;
  const times: number[] = [];
  let result: TrainResult | undefined;
  for (let run = 0; run < repeats; run++) {
    const start = cpuNs();
    result = train(task.request, noCostLimit);
    times.push(cpuNs() - start);
  }
  return { medianNs: median(times), result: result as TrainResult };
}

/** The overhead task on its own: warmed up, then at least half a second of runs. */
function timeTrain(task: BenchTask): TsRun {
  const { oneRunNs } = warmUp(task);
  return timeRuns(task, oneRunNs, 0.5, task.repeats);
}

/** The values at a quarter and three quarters of the way up. */
function quartiles(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.round(q * (sorted.length - 1))] ?? Number.NaN;
  return [at(0.25), at(0.75)];
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
  report.line(`Measured ${stamp()} by \`npm run bench\`:\n`);
  report.line(
    `- machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, Node ${process.version}`,
  );
  report.line(
    `- C: ${"version" in c ? `${c.version}, gcc -O2 -o bench/build/core bench/core.c -lm` : c.missing}`,
  );
  report.line(
    `- numpy: ${"version" in numpy ? `${numpy.version}, in-process time.perf_counter` : numpy.missing}`,
  );
  report.line(`- ${load}`);
  report.line(
    `- CPU time of each process (not the clock: the machine is shared), after warm-up; TS/C is the median over pairs of a C measurement and the core's right after it (each the median of at least ${pairSeconds * 1000} ms of runs; ${shortPairs} pairs, or ${longPairs} of one run each for a task whose run is longer), the quartiles in brackets; the µs columns are each side's fastest measurement; cost = the core's multiply-adds of the whole run\n`,
  );
}

function printCoreTable(ts: Map<string, TsRun>, c: ExternalResult): boolean {
  let agrees = true;
  report.line(
    "| task | epochs | cost (multiply-adds) | TS µs/epoch | TS ns/MA | C µs/epoch | C ns/MA | TS/C | target | TS vs C weights |",
  );
  report.line("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|");
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
    if (native) {
      const gap =
        native.epochs === epochs
          ? disagreement(weightsOf(result), native.weights)
          : Number.POSITIVE_INFINITY;
      if (!(gap <= (agreementBound[task.id] ?? 0))) agrees = false;
      const ratios = pairRatios.get(task.id) ?? [medianNs / native.medianNs];
      const timesC = median(ratios);
      const [low, high] = quartiles(ratios);
      cells.push(
        perEpochUs(native.medianNs, native.epochs),
        nsPerMultiplyAdd(native.medianNs, result).toFixed(2),
        `**${ratio(timesC)}** (${ratio(low)}–${ratio(high)}, ${ratios.length} pairs)`,
        `≤ ${target} ${timesC <= target ? "✓" : "✗"}`,
        agreementText(gap),
      );
    } else {
      cells.push("–", "–", "–", `≤ ${target}`, "–");
    }
    report.line(`| ${cells.join(" | ")} |`);
  }
  return agrees;
}

function printNumpyTable(ts: Map<string, TsRun>, c: ExternalResult, numpy: ExternalResult): void {
  if (!("runs" in numpy)) return;
  report.line(
    "\n| task | numpy µs/epoch | TS µs/epoch | numpy/TS | C µs/epoch | numpy/C | target | numpy vs TS weights |",
  );
  report.line("|---|--:|--:|--:|--:|--:|--:|---|");
  for (const task of tasks) {
    const run = ts.get(task.id);
    const py = runOf(numpy, task.id);
    if (!run || !py) continue;
    const native = runOf(c, task.id);
    const fasterThanNumpy = py.medianNs / run.medianNs;
    const target = numpyOverTsTarget[task.id];
    report.line(
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
 * The default budget. Each measured shape runs at its own ns per multiply-add; its largest allowed
 * run costs maxCost, or less when even maxEpochs cannot reach it (T0, the smallest network, shows
 * what the per-epoch overhead does). maxCost is right when the slowest shape's largest run fits
 * in the CPU a request may use.
 */
function printBudget(runs: [BenchTask, TsRun][]): void {
  const maxCost = defaultLimits.maxCost;
  const budgetMs = cpuBudgetNs / 1e6;
  let worst = { id: "", ns: 0 };
  report.line(
    `\n| shape | ns/MA | largest allowed run (maxCost ${formatFigure(maxCost)}, ≤ ${defaultLimits.maxEpochs} epochs) | its CPU, ms |`,
  );
  report.line("|---|--:|--:|--:|");
  for (const [task, run] of runs) {
    const ns = nsPerMultiplyAdd(run.medianNs, run.result);
    if (ns > worst.ns) worst = { id: task.id, ns };
    const longest = { ...task.request.training, epochs: defaultLimits.maxEpochs };
    const largest = Math.min(maxCost, trainingCost({ ...task.request, training: longest }));
    report.line(
      `| ${task.id} ${task.title} | ${ns.toFixed(2)} | ${formatFigure(largest)} | ${((ns * largest) / 1e6).toFixed(1)} |`,
    );
  }
  report.line(
    `\nmaxCost: the slowest shape is ${worst.id} at ${worst.ns.toFixed(2)} ns per multiply-add, so ` +
      `${budgetMs} ms of CPU buys ${formatFigure(Math.round(cpuBudgetNs / worst.ns))} multiply-adds: ` +
      `these shapes alone would allow ${roundDown(cpuBudgetNs / worst.ns)} (now ${formatFigure(maxCost)}); ` +
      "the default comes from `npm run bench:budget`, which also times mini-batches, momentum, adam, " +
      "every activation and loss, and tiny deep networks.",
  );
}

/** 3.86e5 → "3e5": a budget rounded down to one significant digit. */
function roundDown(value: number): string {
  const scale = 10 ** Math.floor(Math.log10(value));
  return (Math.floor(value / scale) * scale).toExponential(0).replace("+", "");
}

/** The new run of a task unless the one so far was faster. */
function fasterOf(sofar: ExternalResult, part: ExternalResult, id: string): ExternalResult {
  const before = runOf(sofar, id);
  const after = runOf(part, id);
  return before && after && before.medianNs < after.medianNs
    ? { runs: new Map([[id, before]]), version: "version" in part ? part.version : "" }
    : part;
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
  let numpy = empty();
  const ts = new Map<string, TsRun>();
  // Task by task, in pairs: a short C measurement, then the core's, moments apart (see pairSeconds).
  for (const task of tasks) {
    const { oneRunNs } = warmUp(task);
    const long = oneRunNs > pairSeconds * 1e9;
    const runs = long ? 1 : 5;
    for (let pair = 0; pair < (long ? longPairs : shortPairs); pair++) {
      const thisPair = runC(build, [task], { seconds: pairSeconds, runs });
      const native = runOf(thisPair, task.id);
      c = collect(c, fasterOf(c, thisPair, task.id));
      const run = timeRuns(task, oneRunNs, pairSeconds, runs);
      if (native)
        pairRatios.set(task.id, [
          ...(pairRatios.get(task.id) ?? []),
          run.medianNs / native.medianNs,
        ]);
      const before = ts.get(task.id);
      if (!before || run.medianNs < before.medianNs) ts.set(task.id, run);
    }
    if (numpyTasks.has(task.id)) numpy = collect(numpy, runNumpy([task]));
  }
  const overhead = timeTrain(overheadTask);
  const loadAfter = loadavg()[0] ?? 0;
  printMachine(
    c,
    numpy,
    `load average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
  );
  const agrees = printCoreTable(ts, c);
  printNumpyTable(ts, c, numpy);
  printBudget([
    ...tasks.map((task): [BenchTask, TsRun] => [task, ts.get(task.id) as TsRun]),
    [overheadTask, overhead],
  ]);
  report.save();
  if (!agrees) {
    console.error(
      "\nThe core's final weights and the C's differ by more than the bound: not the same algorithm.",
    );
    process.exitCode = 1;
  }
}

main();
