// `npm run bench:budget`: does `trainingCost` bound the CPU of every run it lets through? Times the
// largest allowed run (maxCost, at most maxEpochs) of a grid of extreme shapes and settings, prints
// ns per cost unit for each, and the maxCost that gives the slowest about 10 ms of CPU (the free
// plan's limit per request). `--all` prints every run, not only the summary.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import {
  type Activation,
  type CostTerms,
  costTerms,
  costWeights,
  defaultLimits,
  formatFigure,
  type LossName,
  type OptimizerName,
  type TrainRequest,
  train,
  trainingCost,
} from "../shared/index.ts";
import { createReport, stamp } from "./report.ts";
import { mostEpochsWithin } from "./tasks.ts";

/** The free plan's CPU per request: the largest allowed run should fit in it. */
const cpuBudgetNs = 10e6;
/** Timed runs per round, after one untimed; of the rounds over the grid, the fastest counts. */
const runsPerRound = 1;
/** `--rounds N` for more or fewer (the default takes about four minutes here). */
const roundsFlag = process.argv.indexOf("--rounds");
const rounds = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 16;
/** Then the `endRuns` slowest and fastest runs per unit, `rounds` more rounds among themselves, `endPasses` times. */
const endRuns = 24;
const endPasses = 2;

type Run = { family: string; label: string; request: TrainRequest };

/** Units of every layer, inputs first. Tiny and wide, 0 to 4 hidden layers. */
const shapes: { label: string; sizes: number[] }[] = [
  { label: "1-1", sizes: [1, 1] },
  { label: "16-16", sizes: [16, 16] },
  { label: "2-1-1", sizes: [2, 1, 1] },
  { label: "2-4-1", sizes: [2, 4, 1] },
  { label: "4-8-1", sizes: [4, 8, 1] },
  { label: "1-1×4-1", sizes: [1, 1, 1, 1, 1, 1] },
  { label: "2-1×4-1", sizes: [2, 1, 1, 1, 1, 1] },
  { label: "16-1×4-16", sizes: [16, 1, 1, 1, 1, 16] },
  { label: "4-4×4-4", sizes: [4, 4, 4, 4, 4, 4] },
  { label: "16-64-16", sizes: [16, 64, 16] },
  { label: "8-32×2-1", sizes: [8, 32, 32, 1] },
  { label: "1-64×4-1", sizes: [1, 64, 64, 64, 64, 1] },
];
const activations: Activation[] = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"];
const outputActivations: Activation[] = ["sigmoid", "tanh", "linear", "relu", "leaky_relu"];
const losses: LossName[] = ["mse", "bce", "sse"];
const optimizers: OptimizerName[] = ["sgd", "momentum", "adam"];
const regularizations = [
  undefined,
  { kind: "l1" as const, rate: 1e-4 },
  undefined,
  undefined,
  { kind: "l2" as const, rate: 1e-4 },
];

/** rows × (inputs, outputs) of 0s and 1s from a fixed LCG: any table of that size costs the same. */
function table(rows: number, inputs: number, outputs: number) {
  let state = 12345;
  const bit = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 16) & 1;
  };
  return {
    inputs: Array.from({ length: rows }, () => Array.from({ length: inputs }, bit)),
    targets: Array.from({ length: rows }, () => Array.from({ length: outputs }, bit)),
  };
}

type Settings = {
  rows: number;
  batchSize: number;
  optimizer: OptimizerName;
  hidden: Activation;
  output: Activation;
  loss: LossName;
  bias: boolean;
  regularization: (typeof regularizations)[number];
};

function runOf(family: string, sizes: number[], s: Settings): Run {
  const output = s.loss === "bce" ? "sigmoid" : s.output;
  const label =
    `${family} n${s.rows} b${s.batchSize} ${s.optimizer} ${s.hidden}/${output} ${s.loss}` +
    `${s.bias ? "" : " no-bias"}${s.regularization ? ` ${s.regularization.kind}` : ""}`;
  return {
    family,
    label,
    request: {
      table: table(s.rows, sizes[0] as number, sizes[sizes.length - 1] as number),
      network: {
        hidden: sizes.slice(1, -1).map((units) => ({ units, activation: s.hidden })),
        output,
        bias: s.bias,
      },
      // A small rate, so that no run diverges and stops early.
      training: {
        epochs: 1,
        learningRate: 1e-4,
        optimizer: s.optimizer,
        loss: s.loss,
        batchSize: s.batchSize,
        ...(s.regularization ? { regularization: s.regularization } : {}),
      },
    },
  };
}

/**
 * Every shape × 1, 4 and 256 rows × full batch or batch 1 × each optimizer; activation, loss, bias
 * and regularization cycle through their values along the way, so each meets every shape. Then
 * the slowest kind of run found so far (tiny layers, batch 1) with every activation, loss,
 * optimizer and regularization.
 */
function grid(): Run[] {
  const runs: Run[] = [];
  let k = 0;
  for (const { label, sizes } of shapes) {
    for (const rows of [1, 4, 256]) {
      for (const batchSize of rows === 1 ? [1] : [rows, 1]) {
        for (const optimizer of optimizers) {
          k++;
          runs.push(
            runOf(label, sizes, {
              rows,
              batchSize,
              optimizer,
              hidden: activations[k % activations.length] as Activation,
              output: outputActivations[(k >> 1) % outputActivations.length] as Activation,
              loss: losses[k % losses.length] as LossName,
              bias: k % 4 !== 0,
              regularization: regularizations[k % regularizations.length],
            }),
          );
        }
      }
    }
  }
  for (const sizes of [
    [1, 1],
    [2, 1, 1, 1, 1, 1],
    [16, 1, 1, 1, 1, 16],
  ]) {
    const family = `tiny ${sizes.join("-")}, batch 1`;
    for (const hidden of activations) {
      for (const optimizer of optimizers) {
        for (const loss of losses) {
          for (const regularization of [undefined, regularizations[1]]) {
            runs.push(
              runOf(family, sizes, {
                rows: 4,
                batchSize: 1,
                optimizer,
                hidden,
                output: hidden,
                loss,
                bias: true,
                regularization,
              }),
            );
          }
        }
      }
    }
  }
  return runs;
}

/** The most epochs the default limits allow; 0 when even 1 is over. */
function largestEpochs(request: TrainRequest): number {
  return Math.min(defaultLimits.maxEpochs, mostEpochsWithin(request, defaultLimits.maxCost));
}

/** CPU time of the process, user + system: on a shared machine, waiting for a core is not work. */
function cpuNs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

function timeNs(request: TrainRequest): number {
  const start = cpuNs();
  const result = train(request);
  const ns = cpuNs() - start;
  if (result.stoppedBy !== "epochs") throw new Error(`stopped by ${result.stoppedBy}`);
  return ns;
}

/** The smallest normal double, 2⁻¹⁰²²: below it (and above 0) a value is subnormal. */
const smallestNormal = 2 ** -1022;

/**
 * Whether any number in the run's result (weights, predictions, losses, optimizer moments) is
 * subnormal. Arithmetic on subnormals takes the CPU a microcode assist, about a hundred cycles an
 * operation on x86, so such a run is slow in a way no price known before it starts can see.
 */
function reachesSubnormals(value: unknown): boolean {
  if (typeof value === "number") return value !== 0 && Math.abs(value) < smallestNormal;
  if (Array.isArray(value)) return value.some(reachesSubnormals);
  if (value !== null && typeof value === "object")
    return Object.entries(value).some(
      ([key, entry]) => !stillPowers.has(key) && reachesSubnormals(entry),
    );
  return false;
}

/** Adam's β^t, which end on a subnormal the core stops multiplying (shared/training/update.ts). */
const stillPowers = new Set(["beta1Power", "beta2Power"]);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

type Timed = Run & {
  epochs: number;
  cost: number;
  ns: number;
  nsPerUnit: number;
  /** Its result holds subnormal values (see `reachesSubnormals`). */
  subnormal: boolean;
};

function measure(runs: Run[]): { timed: Timed[]; refused: Run[] } {
  const refused: Run[] = [];
  const sized: (Run & { epochs: number })[] = [];
  for (const run of runs) {
    const epochs = largestEpochs(run.request);
    if (epochs === 0) refused.push(run);
    else {
      const request = { ...run.request, training: { ...run.request.training, epochs } };
      sized.push({ ...run, request, epochs });
    }
  }
  // A Worker's isolate runs every kind of request in turn: so does this, round after round.
  const best = new Map<string, number>();
  const timeRounds = (among: typeof sized, count: number) => {
    for (let round = 0; round < count; round++) {
      for (const run of among) {
        timeNs(run.request);
        const times = Array.from({ length: runsPerRound }, () => timeNs(run.request));
        const fastest = Math.min(best.get(run.label) ?? Number.POSITIVE_INFINITY, median(times));
        best.set(run.label, fastest);
      }
    }
  };
  timeRounds(sized, rounds);
  // The spread is decided at its two ends, and all of one run's rounds can fall in slow moments
  // of this machine: the slowest and the fastest runs per unit are timed again among themselves,
  // twice over, the ends taken anew each time (a run only ever gets faster by it).
  const costs = new Map(sized.map((run) => [run.label, trainingCost(run.request)]));
  const perUnit = (run: Run) => (best.get(run.label) as number) / (costs.get(run.label) as number);
  for (let pass = 0; pass < endPasses; pass++) {
    const ordered = [...sized].sort((a, b) => perUnit(a) - perUnit(b));
    timeRounds([...ordered.slice(0, endRuns), ...ordered.slice(-endRuns)], rounds);
  }
  const timed = sized.map((run) => {
    const ns = best.get(run.label) as number;
    const cost = costs.get(run.label) as number;
    const subnormal = reachesSubnormals(train(run.request));
    return { ...run, cost, ns, nsPerUnit: ns / cost, subnormal };
  });
  return { timed, refused };
}

/** 1.23e7 → 12_000_000: two significant digits, rounded down. */
function roundDown(n: number): number {
  const scale = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.floor(n / scale) * scale;
}

const ms = (ns: number) => (ns / 1e6).toFixed(2);
const runRow = (run: Timed) =>
  `| ${run.label} | ${run.epochs} | ${formatFigure(run.cost)} | ${ms(run.ns)} | ${run.nsPerUnit.toFixed(3)} |`;

function printReport(timed: Timed[], refused: Run[], all: boolean, seconds: number): void {
  const cpu = cpus();
  report.line(`Measured ${stamp()} by \`npm run bench:budget\`:\n`);
  report.line(
    `- machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, Node ${process.version}`,
  );
  report.line(
    `- load average before: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(", ")}`,
  );
  report.line(
    `- each run: the most epochs within maxCost ${formatFigure(defaultLimits.maxCost)} and ` +
      `${defaultLimits.maxEpochs} epochs; ${rounds} rounds over the grid, ${runsPerRound} timed run${runsPerRound === 1 ? "" : "s"} ` +
      `each after one untimed, then ${endPasses}× ${rounds} more rounds among the ${endRuns} slowest and ${endRuns} fastest per unit; ` +
      `the fastest round counts (CPU time of the process, the machine is shared)\n`,
  );
  // Runs that reach subnormal values are reported apart: their time depends on the values the
  // run meets, not on its work, so they say nothing about how well the price counts the work.
  const normal = timed.filter((run) => !run.subnormal);
  const subnormal = timed.filter((run) => run.subnormal);
  const families = [...new Set(normal.map((run) => run.family))];
  report.line("| shapes | runs | ns/unit min | median | max | slowest run's ms |");
  report.line("|---|---:|---:|---:|---:|---:|");
  for (const family of families) {
    const runs = normal.filter((run) => run.family === family);
    const per = runs.map((run) => run.nsPerUnit);
    report.line(
      `| ${family} | ${runs.length} | ${Math.min(...per).toFixed(3)} | ${median(per).toFixed(3)} | ` +
        `${Math.max(...per).toFixed(3)} | ${ms(Math.max(...runs.map((run) => run.ns)))} |`,
    );
  }
  const sorted = [...normal].sort((a, b) => b.nsPerUnit - a.nsPerUnit);
  const shown = all ? sorted : sorted.slice(0, 10);
  report.line(`\n${all ? "Every run" : "The 10 slowest per unit"}, slowest first:\n`);
  report.line("| run | epochs | cost | ms | ns/unit |");
  report.line("|---|---:|---:|---:|---:|");
  for (const run of shown) report.line(runRow(run));
  if (refused.length > 0) {
    report.line(
      `\nRefused even at 1 epoch (over maxCost): ${refused.length} runs, e.g. ${refused[0]?.label}.`,
    );
  }
  const worst = sorted[0] as Timed;
  const best = sorted[sorted.length - 1] as Timed;
  if (subnormal.length > 0) {
    report.line(
      `\nRuns whose result holds subnormal values (left out of the figures above and below): ` +
        `${subnormal.length}.\n`,
    );
    report.line("| run | epochs | cost | ms | ns/unit | over the worst above |");
    report.line("|---|---:|---:|---:|---:|---:|");
    for (const run of subnormal)
      report.line(`${runRow(run)} ${(run.nsPerUnit / worst.nsPerUnit).toFixed(2)}× |`);
  }
  const recommended = roundDown(cpuBudgetNs / worst.nsPerUnit);
  report.line(
    `\n${timed.length} runs in ${seconds.toFixed(0)} s. ns per unit: best ${best.nsPerUnit.toFixed(3)} ` +
      `(${best.label}), worst ${worst.nsPerUnit.toFixed(3)} (${worst.label}), ` +
      `worst/best ${(worst.nsPerUnit / best.nsPerUnit).toFixed(2)}. ` +
      `The slowest largest allowed run: ${ms(Math.max(...normal.map((run) => run.ns)))} ms.`,
  );
  report.line(
    `maxCost: ${cpuBudgetNs / 1e6} ms at the worst ${worst.nsPerUnit.toFixed(3)} ns per unit buys ` +
      `${formatFigure(Math.round(cpuBudgetNs / worst.nsPerUnit))}: recommend maxCost = ` +
      `${recommended} (now ${defaultLimits.maxCost}).`,
  );
}

/**
 * `--fit`: the cost weights that price these runs most evenly. What matters is the spread, the
 * worst run's ns per cost unit over the best's, so this minimises a smooth stand-in for it: the
 * soft maximum of log(cost/ns) over the runs plus the soft maximum of −log(cost/ns), by gradient
 * descent on the logarithms of the weights (which keeps them positive), the softness shrinking
 * round by round. In units of one multiply-add; printed for shared/training/cost.ts.
 */
function fitWeights(timed: Timed[]): Record<keyof CostTerms, number> {
  const names = Object.keys(costWeights) as (keyof CostTerms)[];
  const rows = timed.map((run) => {
    const terms = costTerms(run.request);
    return names.map((name) => terms[name] / run.ns);
  });
  const logs = names.map((name) => Math.log(Math.max(costWeights[name], 1e-3)));
  const gradient = names.map(() => 0);
  const ratios = rows.map(() => 0);
  for (let step = 0; step < 20000; step++) {
    const sharpness = 5 + step / 100;
    const weights = logs.map(Math.exp);
    rows.forEach((row, k) => {
      let cost = 0;
      for (let t = 0; t < names.length; t++) cost += (row[t] as number) * (weights[t] as number);
      ratios[k] = Math.log(cost);
    });
    const high = Math.max(...ratios);
    const low = Math.min(...ratios);
    let upSum = 0;
    let downSum = 0;
    const up = ratios.map((r) => Math.exp(sharpness * (r - high)));
    const down = ratios.map((r) => Math.exp(-sharpness * (r - low)));
    for (let k = 0; k < rows.length; k++) {
      upSum += up[k] as number;
      downSum += down[k] as number;
    }
    gradient.fill(0);
    rows.forEach((row, k) => {
      // ∂ log cost_k / ∂ log w_t = row_t·w_t / cost_k, weighted by the run's share of each soft max.
      const share = (up[k] as number) / upSum - (down[k] as number) / downSum;
      const cost = Math.exp(ratios[k] as number);
      for (let t = 0; t < names.length; t++)
        gradient[t] =
          (gradient[t] as number) + (share * (row[t] as number) * (weights[t] as number)) / cost;
    });
    for (let t = 0; t < names.length; t++)
      logs[t] = Math.max((logs[t] as number) - 0.05 * (gradient[t] as number), -12);
  }
  const weights = logs.map(Math.exp);
  const unit = weights[names.indexOf("multiplyAdds")] as number;
  return Object.fromEntries(
    names.map((name, t) => [name, (weights[t] as number) / unit]),
  ) as Record<keyof CostTerms, number>;
}

type Measured = ReturnType<typeof measure>;

/** The worst run's ns per unit over the best's, with `weights` as the price. */
function spreadWith(runs: Timed[], weights: Readonly<Record<keyof CostTerms, number>>): number {
  const perUnit = runs.map((run) => {
    const terms = costTerms(run.request);
    let cost = 0;
    for (const name of Object.keys(weights) as (keyof CostTerms)[])
      cost += weights[name] * terms[name];
    return run.ns / cost;
  });
  return Math.max(...perUnit) / Math.min(...perUnit);
}

/**
 * Each run at its fastest over several measurements of the grid: the machine only ever slows a
 * run, so the fastest of several benchmarks has less of its noise than any one. A run missing from
 * any of them is left out; one that met subnormal values in any counts as such.
 */
function fastestOf(measurements: Measured[]): Measured {
  const [first, ...others] = measurements;
  if (!first) throw new Error("--refit needs at least one file");
  const byLabel = others.map((other) => new Map(other.timed.map((run) => [run.label, run])));
  const timed = first.timed.flatMap((run) => {
    const same = byLabel.map((runs) => runs.get(run.label));
    if (same.some((other) => other === undefined)) return [];
    const all = [run, ...(same as Timed[])];
    const fastest = all.reduce((a, b) => (b.nsPerUnit < a.nsPerUnit ? b : a));
    return [{ ...fastest, subnormal: all.some((other) => other.subnormal) }];
  });
  return { timed, refused: first.refused };
}

const report = createReport("budget");
const started = process.hrtime.bigint();
// `--fit` keeps the timings it measured in bench/build (git-ignored): in budget-runs-<time>.json,
// and in budget-runs.json as the latest. `--refit` fits again without timing: the latest run, or
// with files named after it, each run at its fastest over them; it then prints the spread that
// today's and the fitted weights give on each file alone, and on the files named after
// `--against`, which the fit does not see (how well the weights carry over to another run).
const latest = "bench/build/budget-runs.json";
const refitAt = process.argv.indexOf("--refit");
const againstAt = process.argv.indexOf("--against");
const filesBetween = (from: number, to?: number) =>
  from < 0 ? [] : process.argv.slice(from + 1, to).filter((arg) => arg.endsWith(".json"));
const refitFiles = filesBetween(refitAt, againstAt > refitAt ? againstAt : undefined);
const againstFiles = filesBetween(againstAt);
const readRuns = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Measured;
const { timed, refused } =
  refitAt < 0
    ? measure(grid())
    : fastestOf((refitFiles.length > 0 ? refitFiles : [latest]).map(readRuns));
if (process.argv.includes("--fit")) {
  mkdirSync("bench/build", { recursive: true });
  const runs = JSON.stringify({ timed, refused });
  writeFileSync(latest, runs);
  writeFileSync(
    `bench/build/budget-runs-${new Date().toISOString().replace(/:/g, "-")}.json`,
    runs,
  );
}
printReport(
  timed,
  refused,
  process.argv.includes("--all"),
  Number(process.hrtime.bigint() - started) / 1e9,
);
if (process.argv.includes("--fit") || refitAt >= 0) {
  const normal = timed.filter((run) => !run.subnormal);
  const fitted = fitWeights(normal);
  console.log("\nFitted cost weights (multiply-adds):");
  for (const [name, weight] of Object.entries(fitted))
    console.log(`  ${name}: ${weight.toPrecision(3)},`);
  console.log(`worst/best with them: ${spreadWith(normal, fitted).toFixed(2)}`);
  for (const file of [...refitFiles, ...againstFiles]) {
    const alone = readRuns(file).timed.filter((run) => !run.subnormal);
    console.log(
      `${file}${againstFiles.includes(file) ? " (not fitted)" : ""}: worst/best ` +
        `${spreadWith(alone, costWeights).toFixed(2)} with today's weights, ` +
        `${spreadWith(alone, fitted).toFixed(2)} with the fitted ones`,
    );
  }
} else report.save();
