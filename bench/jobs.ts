// Part of `npm run bench:api`: jobs on a real `wrangler dev` (Workflows emulated locally). For each
// job: the time from its 202 to complete as a client sees it, the time inside the Workflow (its
// "start" step to its stored model), slices per second, and the overhead per step: the job's time
// inside over the sum of its slices' training time (the same slices timed in Node, whose V8 is
// workerd's), and what is left per step once the training is taken off. Writes its section of
// bench/README.md.
import { cpus, loadavg } from "node:os";
import {
  defaultLimits,
  formatFigure,
  jobLimitsFor,
  planJob,
  presets,
  resolveRequest,
  resume,
  sliceEpochs,
  type TrainRequest,
  type TrainResult,
  train,
} from "../shared/index.ts";
import { classics } from "../test/support/classics.ts";
import { startDevServer } from "../test/support/dev-server.ts";
import { createReport, stamp } from "./report.ts";

const rounds = 3;
const pollMs = 25;
const report = createReport("jobs");

const xor = presets.xor?.request as TrainRequest;
const jobs: [string, TrainRequest][] = [
  ["8-3-8 encoder, 1986 settings, 5,000 epochs", classics.encoder],
  ["parity-4 4-4-1, 6,000 epochs", classics.parity],
  ["symmetry 6-2-1, 64 rows, 6,000 epochs", classics.symmetry],
  [
    "xor 2-64-1, 100,000 epochs",
    {
      ...xor,
      network: { ...xor.network, hidden: [{ units: 64, activation: "tanh" }] },
      training: { ...xor.training, epochs: 100_000 },
    },
  ],
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** The job's slices run one after the other in Node, as the Workflow runs them: ms in all. */
function slicesInNode(request: TrainRequest): number {
  const plan = planJob(resolveRequest(request), defaultLimits, jobLimitsFor(defaultLimits));
  const samples: number[] = [];
  for (let round = 0; round < rounds + 1; round++) {
    const started = performance.now();
    let last: TrainResult | null = null;
    for (let index = 0; index < plan.slices; index++) {
      const epochs = sliceEpochs(plan, index);
      last = last
        ? resume(last.model, last.state, epochs)
        : train({ ...request, training: { ...request.training, epochs } });
    }
    if (round > 0) samples.push(performance.now() - started);
  }
  return median(samples);
}

type Run = { clientMs: number; insideMs: number; slices: number };

async function runJob(base: string, request: TrainRequest): Promise<Run> {
  const started = performance.now();
  const response = await fetch(`${base}/api/jobs`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
  });
  if (response.status !== 202) throw new Error(`POST /api/jobs: ${response.status}`);
  const accepted = (await response.json()) as { id: string; deleteToken: string; slices: number };
  const headers = { Authorization: `Bearer ${accepted.deleteToken}` };
  for (;;) {
    const view = (await (await fetch(`${base}/api/jobs/${accepted.id}`, { headers })).json()) as {
      status: string;
      startedAt: string | null;
      updatedAt: string;
    };
    if (view.status === "complete") {
      const clientMs = performance.now() - started;
      const insideMs = Date.parse(view.updatedAt) - Date.parse(view.startedAt ?? view.updatedAt);
      return { clientMs, insideMs, slices: accepted.slices };
    }
    if (view.status !== "queued" && view.status !== "running") {
      throw new Error(`job ${accepted.id} ended ${view.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function main() {
  const loadBefore = loadavg()[0] ?? 0;
  const server = await startDevServer({ vars: { RATE_LIMIT: "off" } });
  const rows: string[] = [];
  try {
    // One job first, so that every timed one finds the isolate and the engine warm.
    await runJob(server.url, classics.parity);
    for (const [title, request] of jobs) {
      const plan = planJob(resolveRequest(request), defaultLimits, jobLimitsFor(defaultLimits));
      const runs: Run[] = [];
      for (let round = 0; round < rounds; round++) runs.push(await runJob(server.url, request));
      const client = median(runs.map((run) => run.clientMs));
      const inside = median(runs.map((run) => run.insideMs));
      const node = slicesInNode(request);
      const steps = plan.steps;
      rows.push(
        `| ${title} | ${formatFigure(plan.cost)} | ${plan.slices} (${plan.epochsPerSlice}) | ` +
          `${client.toFixed(0)} | ${inside.toFixed(0)} | ${((plan.slices * 1000) / inside).toFixed(1)} | ` +
          `${node.toFixed(0)} | ${(inside / node).toFixed(1)}× | ${((inside - node) / steps).toFixed(1)} | ` +
          `${(plan.seconds * 1000).toFixed(0)} |`,
      );
      console.log(rows.at(-1));
    }
  } finally {
    await server.stop();
  }
  const cpu = cpus();
  report.line(`Measured ${stamp()} by \`npm run bench:api\` (bench/jobs.ts):\n`);
  report.line(
    `machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, Node ${process.version}; ` +
      "wrangler dev on 127.0.0.1 with --var RATE_LIMIT:off, the default limits (maxCost " +
      `${formatFigure(defaultLimits.maxCost)}); median of ${rounds} jobs each, after one warm-up ` +
      `job; the client polls GET /api/jobs/{id} every ${pollMs} ms; load average (1 min) ` +
      `${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after\n`,
  );
  report.line(
    "| job | cost | slices (epochs each) | 202 → complete, ms | inside the Workflow, ms | slices/s | the slices in Node, ms | overhead (inside ÷ Node) | ms per step beyond training | the plan's estimate, ms |",
  );
  report.line("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
  for (const row of rows) report.line(row);
  report.line(
    "\n*Inside the Workflow*: from its `start` step to the `store` step's write " +
      "(`startedAt` to `updatedAt` of the complete job). *Steps*: the slices, `start` and `store`.",
  );
  report.save();
}

await main();
