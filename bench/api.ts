// `npm run bench:api`: the API on loopback against a real `wrangler dev`, driven by autocannon.
// Prints markdown tables: each route's throughput and latency as a ratio to GET /api/health (the
// stack's floor), then what training costs in workerd, cold and warm, measured from outside (inside
// a Worker the clock stands still while it computes).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import autocannon, { type Options, type Result } from "autocannon";
import {
  allRows,
  defaultLimits,
  formatFigure,
  type TrainRequest,
  trainingCost,
} from "../shared/index.ts";
import {
  type DevServer,
  repoRoot,
  startDevServer,
  wranglerBin,
} from "../test/support/dev-server.ts";
import { buildDeployBundle, startDeployedWorkerd } from "./deployed-workerd.ts";
import { createReport, stamp } from "./report.ts";
import { mostEpochsWithin, tasks } from "./tasks.ts";
import { cpuBetween, type ThreadCpu, threadCpu } from "./workerd-cpu.ts";

/** Seconds per measurement: one connection for latency, then several for throughput. */
const latencySeconds = 4;
const throughputSeconds = 4;
const throughputConnections = 8;
/** Fresh dev servers per cold figure (each gives one cold sample). */
const coldRounds = 3;
/** `wrangler check startup` runs behind the start-up figure. */
const startupRounds = 3;
/** Sequential requests behind each warm median. */
const warmSamples = 25;
/** The free plan's CPU per request. */
const cpuBudgetMs = 10;
/** Issue 3: predict's latency within 1.5× of the floor's. */
const predictTarget = 1.5;
/**
 * The benchmark trains flat out, so it turns the per-address training limit off (a [vars] switch),
 * and it raises MAX_COST so that it can time runs larger than the default budget.
 */
const benchVars = { RATE_LIMIT: "off", MAX_COST: String(100 * defaultLimits.maxCost) };
/** Training runs timed cold and warm besides xor: at the default budget, and ten times it. */
const trainingSizes = [defaultLimits.maxCost, 10 * defaultLimits.maxCost];

const xorTask = tasks.find((task) => task.id === "T2");
if (!xorTask) throw new Error("bench/tasks.ts has no xor task");
const xorRequest = xorTask.request;

/** xor 2-4-1, sigmoid, sse, lr 0.5: the issue's training load at 2,000 epochs. */
const xor = (epochs: number): TrainRequest => ({
  ...xorRequest,
  training: { ...xorRequest.training, epochs },
});

/** Every 8-bit row and its majority on 8-16-1, with the most epochs whose price is within `cost`. */
function majority(cost: number): TrainRequest {
  const rows = allRows(8);
  const request: TrainRequest = {
    table: {
      inputs: rows,
      targets: rows.map((row) => [row.reduce((sum, bit) => sum + bit, 0) >= 5 ? 1 : 0]),
    },
    network: { hidden: [{ units: 16, activation: "sigmoid" }], output: "sigmoid", bias: true },
    training: { epochs: 1, learningRate: 0.02, loss: "sse", optimizer: "sgd", seed: 0 },
  };
  const epochs = Math.max(1, mostEpochsWithin(request, cost));
  return { ...request, training: { ...request.training, epochs } };
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

const report = createReport("api");

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/** autocannon's histogram has 1 ms steps; its `response` event gives each latency exactly. */
async function cannon(options: Options): Promise<{ result: Result; latencies: number[] }> {
  const latencies: number[] = [];
  const instance = autocannon(options);
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
  });
  const result = await instance;
  return { result, latencies: latencies.sort((a, b) => a - b) };
}

/** Requests that failed or got any status but the one expected. */
function failures(result: Result, expect: number): number {
  const expected = result.statusCodeStats[String(expect)]?.count ?? 0;
  return result.errors + result.timeouts + (result.requests.total - expected);
}

type Load = {
  name: string;
  perSecond: number;
  saturatedPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
};

/** Latency with one connection (nothing queues), then throughput with several. */
async function load(name: string, options: Options, expect = 200): Promise<Load> {
  await cannon({ ...options, connections: 1, duration: 1 }); // warm-up
  const single = await cannon({ ...options, connections: 1, duration: latencySeconds });
  const many = await cannon({
    ...options,
    connections: throughputConnections,
    duration: throughputSeconds,
  });
  return {
    name,
    perSecond: single.result.requests.total / single.result.duration,
    saturatedPerSecond: many.result.requests.total / many.result.duration,
    p50: percentile(single.latencies, 0.5),
    p99: percentile(single.latencies, 0.99),
    errors: failures(single.result, expect) + failures(many.result, expect),
    requests: single.result.requests.total + many.result.requests.total,
  };
}

/**
 * One request over a kept-alive node:http connection, timed from outside in ms (fetch adds a few
 * ms of its own per request, which would swamp the difference between two routes).
 */
function timed(agent: Agent, url: string, body?: string, expect = 200): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const headers =
      body === undefined ? {} : { ...jsonHeaders, "content-length": Buffer.byteLength(body) };
    const sent = httpRequest(
      url,
      { method: body === undefined ? "GET" : "POST", agent, headers },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => {
          const ms = performance.now() - start;
          if (response.statusCode === expect) resolve(ms);
          else
            reject(
              new Error(`${url}: ${response.statusCode}, not ${expect}: ${text.slice(0, 300)}`),
            );
        });
      },
    );
    sent.on("error", reject);
    sent.end(body);
  });
}

const jsonHeaders = { "content-type": "application/json" };
const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: jsonHeaders,
  body: JSON.stringify(body),
});

async function routeLoads(server: DevServer): Promise<Load[]> {
  const created = await fetch(`${server.url}/api/train`, post(xor(2_000)));
  if (created.status !== 201) throw new Error(`POST /api/train answered ${created.status}`);
  const { id } = (await created.json()) as { id: string };
  const model = `${server.url}/api/models/${id}`;
  const predictBody = JSON.stringify({ inputs: [[0, 1]] });
  return [
    await load("GET /api/health (floor)", { url: `${server.url}/api/health` }),
    // What a POST with a small JSON body costs in this stack, before any route's work: the 405.
    await load(
      "POST /api/health (405: the floor for a POST)",
      { url: `${server.url}/api/health`, method: "POST", headers: jsonHeaders, body: predictBody },
      405,
    ),
    await load("GET /api/models/{id}/predict?x=0,1", { url: `${model}/predict?x=0,1` }),
    // Misses are never cached (worker/model-cache.ts), so this is what a model's first read costs.
    await load(
      "GET /api/models/{unknown id}/predict?x=0,1 (404: one KV read, as a cache miss)",
      { url: `${server.url}/api/models/${"A".repeat(22)}/predict?x=0,1` },
      404,
    ),
    await load("POST /api/models/{id}/predict", {
      url: `${model}/predict`,
      method: "POST",
      headers: jsonHeaders,
      body: predictBody,
    }),
    await load("POST /api/train (xor 2-4-1, 2,000 epochs, persist: false)", {
      url: `${server.url}/api/train`,
      method: "POST",
      headers: jsonHeaders,
      body: JSON.stringify({ ...xor(2_000), persist: false }),
    }),
  ];
}

function printLoads(loads: Load[]): void {
  const floor = loads[0];
  if (!floor) return;
  report.line(
    `| route | req/s, 1 connection | req/s, ${throughputConnections} connections | p50 ms | p99 ms | p50 / floor | p99 / floor | errors |`,
  );
  report.line("|---|--:|--:|--:|--:|--:|--:|--:|");
  for (const row of loads) {
    const ratio = row.p50 / floor.p50;
    const mark =
      row.name.startsWith("GET /api/models/{id}/predict") ||
      row.name.startsWith("POST /api/models/{id}/predict")
        ? ` ${ratio <= predictTarget ? "✓" : "✗"} (≤ ${predictTarget})`
        : "";
    report.line(
      `| ${[
        row.name,
        row.perSecond.toFixed(0),
        row.saturatedPerSecond.toFixed(0),
        row.p50.toFixed(2),
        row.p99.toFixed(2),
        `**${ratio.toFixed(2)}**${mark}`,
        (row.p99 / floor.p99).toFixed(2),
        `${row.errors} of ${row.requests}`,
      ].join(" | ")} |`,
    );
  }
}

type Training = {
  label: string;
  cost: number;
  coldMs: number[];
  warmMs: number;
  floorMs: number;
  /** workerd's request threads' CPU over the floor request's, ms: each cold one, the warm median. */
  coldCpu: number[];
  warmCpu: number;
  /** V8's background threads' CPU during each cold request, and the warm median, ms. */
  coldBackground: number[];
  warmBackground: number;
};

/**
 * One training request on fresh dev servers. startDevServer waits for /api/health, so the isolate
 * is loaded before the first training request: its extra time is the JIT's (the core's code runs
 * for the first time), not the isolate's start.
 */
async function coldAndWarm(label: string, request: TrainRequest): Promise<Training> {
  const body = JSON.stringify({ ...request, persist: false });
  const coldMs: number[] = [];
  const warm: number[] = [];
  const floor: number[] = [];
  for (let round = 0; round < coldRounds; round++) {
    const server = await startDevServer({ vars: benchVars });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const health = `${server.url}/api/health`;
      const train = `${server.url}/api/train`;
      await timed(agent, health);
      coldMs.push(await timed(agent, train, body));
      // Interleaved, so that the floor and the training share whatever else the machine does.
      for (let k = 0; k < warmSamples; k++) {
        floor.push(await timed(agent, health));
        warm.push(await timed(agent, train, body));
      }
    } finally {
      agent.destroy();
      await server.stop();
    }
  }
  return {
    label,
    cost: trainingCost(request),
    coldMs,
    warmMs: median(warm),
    floorMs: median(floor),
    ...(deployedCpu ? await cpuColdAndWarm(body) : noCpu),
  };
}

/** Whether this machine lets the benchmark read workerd's CPU per thread (Linux). */
let deployedCpu = false;

type CpuFigures = Pick<Training, "coldCpu" | "warmCpu" | "coldBackground" | "warmBackground">;
const noCpu: CpuFigures = {
  coldCpu: [],
  warmCpu: Number.NaN,
  coldBackground: [],
  warmBackground: 0,
};

/**
 * The same request in the CPU of the Worker as deployed (deployed-workerd.ts), on fresh workerds:
 * the first training request after a health request, then warm ones interleaved with the floor.
 */
async function cpuColdAndWarm(body: string): Promise<CpuFigures> {
  const cold: ThreadCpu[] = [];
  const warm: ThreadCpu[] = [];
  const floor: ThreadCpu[] = [];
  const post = { method: "POST", headers: jsonHeaders, body };
  for (let round = 0; round < coldRounds; round++) {
    const workerd = await startDeployedWorkerd(benchVars);
    const measured = async (into: ThreadCpu[], path: string, init?: RequestInit) => {
      const before = threadCpu(workerd.pid);
      const response = await workerd.fetch(path, init);
      await response.text();
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      into.push(cpuBetween(before, threadCpu(workerd.pid)));
    };
    try {
      await (await workerd.fetch("/api/health")).text();
      await measured(cold, "/api/train", post);
      for (let k = 0; k < warmSamples; k++) {
        await measured(floor, "/api/health");
        await measured(warm, "/api/train", post);
      }
    } finally {
      await workerd.dispose();
    }
  }
  const floorCpu = median(floor.map((cpu) => cpu.request));
  return {
    coldCpu: cold.map((cpu) => cpu.request - floorCpu),
    warmCpu: median(warm.map((cpu) => cpu.request)) - floorCpu,
    coldBackground: cold.map((cpu) => cpu.background),
    warmBackground: median(warm.map((cpu) => cpu.background)),
  };
}

/** "12.5 (13.6, 12.5, 12.2)": the median of a few samples, then each of them, in ms. */
const withSamples = (samples: number[], unit = "") =>
  `${median(samples).toFixed(1)}${unit} (${samples.map((ms) => ms.toFixed(1)).join(", ")})`;

/** ns per multiply-add: a training request's time over the floor's, per multiply-add. */
const perMultiplyAdd = (ms: number, run: Training) => ((ms - run.floorMs) * 1e6) / run.cost;

function printTrainings(runs: Training[]): void {
  report.line(
    "| training request | cost (multiply-adds) | cold ms | warm ms | floor ms | cold / warm | cold ns/MA | warm ns/MA |",
  );
  report.line("|---|--:|--:|--:|--:|--:|--:|--:|");
  for (const run of runs) {
    const cold = median(run.coldMs);
    report.line(
      `| ${[
        run.label,
        formatFigure(run.cost),
        withSamples(run.coldMs),
        run.warmMs.toFixed(2),
        run.floorMs.toFixed(2),
        (cold / run.warmMs).toFixed(1),
        perMultiplyAdd(cold, run).toFixed(2),
        perMultiplyAdd(run.warmMs, run).toFixed(2),
      ].join(" | ")} |`,
    );
  }
}

/** workerd's own CPU for the same requests, where Linux lets the benchmark read it. */
function printCpu(runs: Training[]): void {
  if (runs.some((run) => run.coldCpu.length === 0)) {
    report.line("\n(The deployed Worker's CPU per thread is read from Linux's /proc: not here.)");
    return;
  }
  report.line(
    "\nThe same requests in the CPU of the Worker as deployed: the `wrangler deploy --dry-run` bundle " +
      `in a workerd of its own (Miniflare; no inspector, no dev middleware), ${coldRounds} fresh ` +
      "ones, each thread's schedstat read before and after each request: the request threads' CPU " +
      "over that of the floor request interleaved with them, and V8's background threads " +
      "(optimising compiler, collector), which run beside the request:\n",
  );
  report.line(
    "| training request | cold CPU ms | warm CPU ms | cold − warm | background during cold, ms | background warm, ms |",
  );
  report.line("|---|--:|--:|--:|--:|--:|");
  for (const run of runs) {
    const cold = median(run.coldCpu);
    report.line(
      `| ${[
        run.label,
        withSamples(run.coldCpu),
        run.warmCpu.toFixed(2),
        (cold - run.warmCpu).toFixed(1),
        withSamples(run.coldBackground),
        run.warmBackground.toFixed(2),
      ].join(" | ")} |`,
    );
  }
}

/**
 * The budget from workerd's side. Warm, the run at the default maxCost is measured as it is; a run
 * of another price M differs from it by the slope between the two majority runs, which share their
 * table, per multiply-add. (A fixed part per request, from the same two points, is too uncertain
 * at these sizes to print: the machine's noise on the larger run swings it by several ms.) Cold,
 * the first training request of a new isolate pays a penalty on top, about the same whatever the
 * run's size (the JIT compiles the core once).
 */
function printBudget(runs: Training[], maxCost: number): void {
  const [small, large] = runs.filter((run) => run.label.startsWith("majority"));
  if (!small || !large) return;
  const at = (ms: number, rate: number, cost: number) => {
    const allowed = Math.round(cost + ((cpuBudgetMs - ms) * 1e6) / rate);
    return (
      `a 256-row run priced ${formatFigure(small.cost)} (the most epochs within the default maxCost) takes ` +
      `${ms.toFixed(1)} ms over the floor, each multiply-add more ${rate.toFixed(2)} ns (the slope to the run ` +
      `${formatFigure(large.cost)}), so ` +
      (allowed > 0
        ? `${cpuBudgetMs} ms allows M = ${formatFigure(allowed)}`
        : `at that slope no 256-row run fits in ${cpuBudgetMs} ms`)
    );
  };
  const overFloor = (run: Training) => run.warmMs - run.floorMs;
  const rate = ((overFloor(large) - overFloor(small)) * 1e6) / (large.cost - small.cost);
  const penalty = median(runs.map((run) => median(run.coldMs) - run.warmMs));
  report.line(`\nworkerd, warm, from outside: ${at(overFloor(small), rate, small.cost)}.`);
  report.line(
    `Cold: the first training request of a fresh isolate takes ${penalty.toFixed(1)} ms more than warm ` +
      `from outside (median over the sizes above), whatever its size${penalty >= cpuBudgetMs ? `: over ${cpuBudgetMs} ms on its own, so no maxCost makes it fit` : ""}.`,
  );
  if (runs.some((run) => run.coldCpu.length === 0)) return;
  const cpuRate = ((large.warmCpu - small.warmCpu) * 1e6) / (large.cost - small.cost);
  const cpuPenalty = median(runs.map((run) => median(run.coldCpu) - run.warmCpu));
  const background = median(runs.map((run) => median(run.coldBackground) - run.warmBackground));
  report.line(
    `In the deployed Worker's CPU: warm, ${at(small.warmCpu, cpuRate, small.cost)}; cold, that run takes ` +
      `${median(small.coldCpu).toFixed(1)} ms, and over the sizes above the request threads use ` +
      `${cpuPenalty.toFixed(1)} ms more than warm and V8's background threads ${background.toFixed(1)} ms ` +
      `more (medians). The default maxCost is ${formatFigure(maxCost)}.`,
  );
}

/**
 * The Worker's start-up CPU in workerd (module evaluation, the warm-up included), from
 * `wrangler check startup`: it builds the bundle as `wrangler deploy` would and profiles its start.
 */
function startupMs(): number[] {
  const dir = mkdtempSync(join(tmpdir(), "backprop-edge-startup-"));
  try {
    return Array.from({ length: startupRounds }, () => {
      const output = execFileSync(
        process.execPath,
        [wranglerBin, "check", "startup", "--outfile", join(dir, "startup.cpuprofile")],
        {
          cwd: repoRoot,
          encoding: "utf8",
          env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
        },
      );
      const active = /Active:\s*([\d.]+)\s*ms/.exec(output)?.[1];
      if (active === undefined) throw new Error(`no start-up figure in:\n${output}`);
      return Number(active);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] ?? 0;
  // The deployed Worker's CPU is read from Linux's /proc; elsewhere the benchmark goes on without.
  deployedCpu = existsSync(`/proc/${process.pid}/task`);
  if (deployedCpu) buildDeployBundle();
  const server = await startDevServer({ vars: benchVars });
  let loads: Load[];
  try {
    loads = await routeLoads(server);
  } finally {
    await server.stop();
  }
  const trainings = [await coldAndWarm("xor 2-4-1, 1,000 epochs", xor(1_000))];
  for (const cost of trainingSizes) {
    const request = majority(cost);
    trainings.push(
      await coldAndWarm(`majority 8-16-1, 256 rows, ${request.training.epochs} epochs`, request),
    );
  }

  const startup = startupMs();

  const cpu = cpus();
  report.line(`Measured ${stamp()} by \`npm run bench:api\`:\n`);
  report.line(
    `machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, Node ${process.version}; ` +
      `wrangler dev on 127.0.0.1 with --var RATE_LIMIT:off --var MAX_COST:${formatFigure(Number(benchVars.MAX_COST))}; ` +
      `autocannon, ${latencySeconds} s per latency ` +
      `run (1 connection), ${throughputSeconds} s per throughput run; ` +
      `load average (1 min) ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after\n`,
  );
  printLoads(loads);
  report.line(
    `\nTraining in workerd, timed from outside (median of ${warmSamples} warm requests; cold: the ` +
      `first training request of each of ${coldRounds} fresh dev servers):\n`,
  );
  printTrainings(trainings);
  printCpu(trainings);
  printBudget(trainings, defaultLimits.maxCost);
  report.line(
    `Start-up (module evaluation, the warm-up included; \`wrangler check startup\`, active CPU): ` +
      `${withSamples(startup, " ms")}, ` +
      "against 1 s allowed.",
  );
  report.save();
  if (loads.some((row) => row.errors > 0)) process.exitCode = 1;
}

await main();
