/// <reference lib="dom" />
// `npm run bench:site`: the page's timeline in Debian's Chromium (playwright-core) against a real
// `wrangler dev`. For xor 2-4-1, the full adder and an 8-input 256-row table it measures the
// replay (time to compute every snapshot in the worker, their memory), playing (animation frames
// per second, epochs drawn per second, the longest gap between frames and the longest main-thread
// task) and scrubbing (slider input to that epoch drawn, at random epochs, paused).
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { chromium, type Page } from "playwright-core";
import {
  allRows,
  defaultLimits,
  formatFigure,
  presets,
  type TrainRequest,
  trainingCost,
} from "../shared/index.ts";
import { repoRoot, startDevServer } from "../test/support/dev-server.ts";
import { createReport, stamp } from "./report.ts";
import { mostEpochsWithin } from "./tasks.ts";

const playSeconds = 4;
const scrubSamples = 25;
const fpsTarget = 55;
const scrubTarget = 50;

/** Every 8-bit row and its majority on 8-8-1 tanh, with as many epochs as the budget allows. */
function majority(): TrainRequest {
  const inputs = allRows(8);
  const request = (epochs: number): TrainRequest => ({
    table: { inputs, targets: inputs.map((row) => [row.reduce((a, b) => a + b, 0) >= 4 ? 1 : 0]) },
    network: { hidden: [{ units: 8, activation: "tanh" }], output: "sigmoid" },
    training: { epochs, learningRate: 0.5, loss: "bce", seed: 0 },
  });
  return request(mostEpochsWithin(request(1), defaultLimits.maxCost));
}

function preset(name: string): TrainRequest {
  const found = presets[name]?.request;
  if (!found) throw new Error(`no preset ${name}`);
  return found;
}

const runs: { name: string; request: TrainRequest }[] = [
  { name: "xor 2-4-1 (preset)", request: preset("xor") },
  { name: "full adder 3-?-2 (preset)", request: preset("full-adder") },
  { name: "majority of 8, 256 rows, 8-8-1", request: majority() },
];

type Figures = {
  computeSeconds: number;
  snapshotBytes: number;
  every: number;
  epochs: number;
  fps: number;
  epochsPerSecond: number;
  longestFrameMs: number;
  longestTaskMs: number;
  drawMedianMs: number;
  drawMaxMs: number;
  scrubMedianMs: number;
  scrubMaxMs: number;
};

async function measure(page: Page, request: TrainRequest): Promise<Figures> {
  await page.goto(`/#request=${encodeURIComponent(JSON.stringify(request))}`);
  await page.waitForFunction(
    () => document.querySelector("#timeline-status")?.textContent?.startsWith("Computed"),
    undefined,
    { timeout: 120_000 },
  );
  const status = (await page.textContent("#timeline-status")) ?? "";
  const computeSeconds = Number(/in ([\d.]+) s/.exec(status)?.[1]);
  const snapshotBytes = Number(await page.getAttribute("#timeline", "data-snapshot-bytes"));
  const every = Number(await page.getAttribute("#timeline", "data-every"));
  const epochs = Number(await page.getAttribute("#timeline-epoch", "max"));
  await page.click("#timeline-reset");
  await page.selectOption("#timeline-speed", "1");
  const played = await page.evaluate(async (seconds) => {
    performance.clearMeasures("timeline-draw");
    const tasks: number[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: "longtask" });
    const timeline = document.querySelector<HTMLElement>("#timeline");
    let draws = 0;
    new MutationObserver(() => draws++).observe(timeline as HTMLElement, {
      attributeFilter: ["data-epoch"],
    });
    document.querySelector<HTMLButtonElement>("#timeline-play")?.click();
    const start = performance.now();
    let frames = 0;
    let last = start;
    let longest = 0;
    await new Promise<void>((done) => {
      const tick = (now: number) => {
        frames++;
        longest = Math.max(longest, now - last);
        last = now;
        if (now - start < seconds * 1000 && timeline?.dataset.playing === "true")
          requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    const elapsed = (last - start) / 1000;
    document.querySelector<HTMLButtonElement>("#timeline-play")?.click();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const draws_ = performance
      .getEntriesByName("timeline-draw")
      .map((entry) => entry.duration)
      .sort((a, b) => a - b);
    return {
      drawMedianMs: draws_[Math.floor(draws_.length / 2)] ?? Number.NaN,
      drawMaxMs: draws_.at(-1) ?? Number.NaN,
      fps: frames / elapsed,
      epochsPerSecond: draws / elapsed,
      longestFrameMs: longest,
      longestTaskMs: Math.max(0, ...tasks),
    };
  }, playSeconds);
  const scrubs = await page.evaluate(
    async ({ samples, last }) => {
      const slider = document.querySelector<HTMLInputElement>("#timeline-epoch");
      const timeline = document.querySelector<HTMLElement>("#timeline");
      if (!slider || !timeline) return [];
      const times: number[] = [];
      let seed = 12345;
      for (let k = 0; k < samples; k++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        let epoch = 1 + (seed % last);
        if (String(epoch) === timeline.dataset.epoch) epoch = epoch === last ? 1 : epoch + 1;
        const start = performance.now();
        const drawn = new Promise<void>((done) => {
          const observer = new MutationObserver(() => {
            if (timeline.dataset.epoch === String(epoch)) {
              observer.disconnect();
              done();
            }
          });
          observer.observe(timeline, { attributeFilter: ["data-epoch"] });
        });
        slider.value = String(epoch);
        slider.dispatchEvent(new Event("input", { bubbles: true }));
        await drawn;
        times.push(performance.now() - start);
      }
      return times;
    },
    { samples: scrubSamples, last: epochs },
  );
  scrubs.sort((a, b) => a - b);
  return {
    computeSeconds,
    snapshotBytes,
    every,
    epochs,
    ...played,
    scrubMedianMs: scrubs[Math.floor(scrubs.length / 2)] ?? Number.NaN,
    scrubMaxMs: scrubs.at(-1) ?? Number.NaN,
  };
}

const report = createReport("site");
/** The machine is shared: how busy it was when the benchmark began. */
const loadAtStart = loadavg()[0] ?? 0;
execFileSync("npm", ["run", "build"], { cwd: repoRoot, stdio: "inherit" });
const server = await startDevServer({ vars: { RATE_LIMIT: "off" } });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  const results: { name: string; request: TrainRequest; figures: Figures }[] = [];
  for (const run of runs) {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 900 },
      reducedMotion: "reduce",
    });
    const page = await context.newPage();
    results.push({ ...run, figures: await measure(page, run.request) });
    await context.close();
  }
  const version = browser.version();
  report.line(
    `Measured ${stamp()} (load average ${loadAtStart.toFixed(1)} at the start) by \`npm run bench:site\` in Chromium ${version} (headless, no GPU), ${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, against \`wrangler dev\`; ${playSeconds} s of playing at 1× (a run in 10 s), ${scrubSamples} scrubs to random epochs while paused.`,
  );
  report.line();
  report.line(
    "| run | epochs | cost | replay computed | snapshots (every) | snapshot memory | fps playing | epochs drawn/s | draw per frame (median, max) | longest frame | longest task ≥ 50 ms | scrub median | scrub max |",
  );
  report.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const { name, request, figures: f } of results) {
    report.line(
      `| ${name} | ${f.epochs} | ${formatFigure(trainingCost(request))} | ${f.computeSeconds.toFixed(2)} s | ${f.every} | ${(f.snapshotBytes / 1024).toFixed(0)} KiB | ${f.fps.toFixed(1)} | ${f.epochsPerSecond.toFixed(0)} | ${f.drawMedianMs.toFixed(1)}, ${f.drawMaxMs.toFixed(1)} ms | ${f.longestFrameMs.toFixed(0)} ms | ${f.longestTaskMs > 0 ? `${f.longestTaskMs.toFixed(0)} ms` : "none"} | ${f.scrubMedianMs.toFixed(1)} ms | ${f.scrubMaxMs.toFixed(1)} ms |`,
    );
  }
  report.line();
  const [xor, adder] = results;
  const fpsMet = [xor, adder].every((r) => (r?.figures.fps ?? 0) >= fpsTarget);
  const scrubMet = results.every((r) => r.figures.scrubMaxMs <= scrubTarget);
  report.line(
    `Targets: ≥ ${fpsTarget} fps playing xor and the full adder: ${fpsMet ? "met" : "NOT met"}; scrub ≤ ${scrubTarget} ms (every run here is within the single-request budget): ${scrubMet ? "met" : "NOT met"}. "longest task" lists Chromium's long tasks (≥ 50 ms) on the main thread while playing.`,
  );
  report.save();
} finally {
  await browser.close();
  await server.stop();
}
