// The timeline in Chromium: the xor preview plays, pauses, steps and scrubs with every view
// following, and the weights shown at any epoch are the core's own (initialModel, train) bit for
// bit; the edge's stored run is confirmed as the preview's; stored models replay; the form lives
// in the hash; reduced motion means no autoplay; nothing jumps while the page fills in.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import {
  initialModel,
  type Model,
  presets,
  type TrainRequest,
  train,
  watchRun,
} from "../../shared/index.ts";
import { baseUrl, browserSuite, shownAtEnd, trainPreset } from "./browser.ts";

const xor = presets.xor?.request as TrainRequest;
const withEpochs = (request: TrainRequest, epochs: number): TrainRequest => ({
  ...request,
  training: { ...request.training, epochs },
});

/**
 * The core's run of `request` at the edge (workerd, nothing stored). The page's weights are
 * compared with it rather than with this Node process's `train` wherever tanh is involved: Node
 * 24's V8 and Chromium's (and workerd's) differ in the last bit of Math.tanh for some arguments.
 */
async function edgeTrain(request: TrainRequest): Promise<{
  model: Model;
  result: { loss: number; weightsHash: string; epochs: number; predictions: number[][] };
}> {
  const response = await fetch(`${baseUrl()}/api/train`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...request, persist: false }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as never;
}

/** Weights then biases, layer by layer: the order of the page's weights tables. */
function flat(model: Model): number[] {
  return model.layers.flatMap((layer) => [...layer.weights.flat(), ...(layer.bias ?? [])]);
}

function weightsShown(page: Page): Promise<number[]> {
  return page.$$eval("#weights td.weight", (cells) =>
    cells.map((cell) => Number((cell as HTMLElement).dataset.value)),
  );
}

async function epochShown(page: Page): Promise<number> {
  return Number(await page.getAttribute("#timeline", "data-epoch"));
}

async function lossShown(page: Page): Promise<number> {
  return Number(await page.getAttribute("#loss-shown", "data-value"));
}

/** Waits until the browser has computed the whole run. */
async function computed(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector("#timeline-status")?.textContent?.startsWith("Computed"),
    undefined,
    { timeout: 60_000 },
  );
}

async function scrubTo(page: Page, epoch: number): Promise<void> {
  await page.locator("#timeline-epoch").fill(String(epoch));
  await page.waitForFunction(
    (wanted) => document.querySelector<HTMLElement>("#timeline")?.dataset.epoch === String(wanted),
    epoch,
  );
}

function decisionPixels(page: Page): Promise<string> {
  return page.$eval("#decision-map", (canvas) => (canvas as HTMLCanvasElement).toDataURL());
}

browserSuite("the timeline", (open) => {
  it("plays the xor preview with no request: the epoch advances, the loss falls; Pause holds it", async () => {
    const { page, errors, trainRequests } = await open("timeline-play");
    await page.goto("/");
    await computed(page);
    await page.click("#timeline-reset");
    expect(await epochShown(page)).toBe(0);
    const startLoss = await lossShown(page);
    await page.click("#timeline-play");
    expect(await page.getAttribute("#timeline", "data-playing")).toBe("true");
    await page.waitForFunction(
      () => Number(document.querySelector<HTMLElement>("#timeline")?.dataset.epoch) > 200,
    );
    await page.click("#timeline-play");
    expect(await page.getAttribute("#timeline-play", "aria-label")).toBe("Play");
    const paused = await epochShown(page);
    expect(paused).toBeGreaterThan(200);
    expect(await lossShown(page)).toBeLessThan(startLoss);
    // The loss curve's marker and the slider follow the epoch shown.
    expect(await page.getAttribute("#loss-chart", "data-epoch")).toBe(String(paused));
    expect(await page.inputValue("#timeline-epoch")).toBe(String(paused));
    await page.waitForTimeout(400);
    expect(await epochShown(page)).toBe(paused);
    expect(trainRequests).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  it("scrubs to 0 (the core's seeded init) and to the end (train's model), every view following", async () => {
    const { page, errors } = await open("timeline-scrub");
    await page.goto("/");
    await computed(page);
    await scrubTo(page, 0);
    expect(await weightsShown(page)).toEqual(flat(initialModel(xor)));
    const startMap = await decisionPixels(page);
    const startCaption = await page.textContent("#predictions caption");
    const startEdges = await page.$$eval(".network .edge", (edges) =>
      edges.map((edge) => edge.getAttribute("data-weight")),
    );

    const whole = await edgeTrain(xor);
    await scrubTo(page, whole.result.epochs);
    expect(await weightsShown(page)).toEqual(flat(whole.model));
    expect(await lossShown(page)).toBe(whole.result.loss);
    expect(await page.textContent("#predictions caption")).toBe("4/4 rows right");
    expect(startCaption).not.toBe("4/4 rows right");
    expect(
      await page.$$eval("#predictions td.num", (cells) =>
        cells.map((c) => Number((c as HTMLElement).dataset.value)),
      ),
    ).toEqual(whole.result.predictions.flat());
    expect(await decisionPixels(page)).not.toBe(startMap);
    const endEdges = await page.$$eval(".network .edge", (edges) =>
      edges.map((edge) => Number(edge.getAttribute("data-weight"))),
    );
    expect(endEdges).toEqual(whole.model.layers.flatMap((layer) => layer.weights.flat()));
    expect(endEdges.map(String)).not.toEqual(startEdges);
    // The step view explains the step from the epoch shown.
    const afterStep = await page.$$eval(
      '#step-body li[data-layer="1"] [data-role="weight-after"]',
      (cells) => cells.length,
    );
    expect(afterStep).toBe(8);
    expect(await page.textContent("#run-end")).toContain(whole.result.weightsHash);
    expect(errors).toEqual([]);
  });

  it("steps one epoch forward and back, each the core's epoch", async () => {
    const { page, errors } = await open("timeline-step");
    await page.goto("/");
    await computed(page);
    await page.click("#timeline-reset");
    await page.click("#timeline-forward");
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>("#timeline")?.dataset.epoch === "1",
    );
    expect(await weightsShown(page)).toEqual(flat((await edgeTrain(withEpochs(xor, 1))).model));
    await scrubTo(page, 1234);
    await page.click("#timeline-forward");
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>("#timeline")?.dataset.epoch === "1235",
    );
    expect(await weightsShown(page)).toEqual(flat((await edgeTrain(withEpochs(xor, 1235))).model));
    await page.click("#timeline-back");
    await page.click("#timeline-back");
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>("#timeline")?.dataset.epoch === "1233",
    );
    expect(await weightsShown(page)).toEqual(flat((await edgeTrain(withEpochs(xor, 1233))).model));
    expect(errors).toEqual([]);
  });

  it("steps one mini-batch at a time when the run has them, each the core's weights after that update", async () => {
    const { page, errors } = await open("timeline-step-batch");
    // Sigmoid only (no tanh): this Node process's core gives the browser's bits.
    const inBatches: TrainRequest = {
      ...xor,
      network: { hidden: [{ units: 3, activation: "sigmoid" }], output: "sigmoid" },
      training: { epochs: 60, learningRate: 2, loss: "mse", seed: 3, batchSize: 2 },
    };
    const core = watchRun(inBatches);
    expect(core.batches).toBe(2);
    const at = async (epoch: number, batch: number) => {
      await page.waitForFunction(
        ([e, b]) => {
          const timeline = document.querySelector<HTMLElement>("#timeline");
          return timeline?.dataset.epoch === String(e) && timeline.dataset.batch === String(b);
        },
        [epoch, batch],
      );
      const point = core.at(epoch, batch);
      expect(await weightsShown(page)).toEqual(flat(point.model));
      expect(await lossShown(page)).toBe(point.loss);
    };
    await page.goto(`/#request=${encodeURIComponent(JSON.stringify(inBatches))}`);
    await computed(page);
    await page.click("#timeline-reset");
    expect(await page.getAttribute("#timeline-forward", "aria-label")).toBe(
      "Step forward one mini-batch",
    );
    await page.click("#timeline-forward");
    await at(0, 1);
    expect(await page.textContent("#timeline-readout")).toBe("epoch 1, batch 1 of 2");
    expect(await page.textContent("#epoch-shown")).toBe("1, batch 1 of 2");
    await page.click("#timeline-forward");
    await at(1, 0);
    expect(await weightsShown(page)).toEqual(flat(train(withEpochs(inBatches, 1)).model));
    await scrubTo(page, 20);
    await page.click("#timeline-forward");
    await at(20, 1);
    expect(await page.textContent("#timeline-readout")).toBe("epoch 21, batch 1 of 2");
    await page.click("#timeline-back");
    await at(20, 0);
    await page.click("#timeline-back");
    await at(19, 1);
    // The step changed the weights: a mini-batch is not the epoch around it.
    expect(flat(core.at(19, 1).model)).not.toEqual(flat(core.at(19, 0).model));
    expect(flat(core.at(19, 1).model)).not.toEqual(flat(core.at(20, 0).model));
    expect(errors).toEqual([]);
  });

  it("draws a map in every hidden unit of a 2-input table", async () => {
    const { page, errors } = await open("timeline-unit-maps");
    await page.goto("/");
    await computed(page);
    // The trained network's maps: the preview plays on its own, and an early epoch's unit can be
    // nearly flat (one npm test read a map of 10 colours at whatever epoch playback had reached).
    await scrubTo(page, xor.training.epochs);
    const units = await page.$$eval(".network-frame canvas.unit-map", (maps) =>
      maps.map((map) => {
        const canvas = map as HTMLCanvasElement;
        const pixels =
          canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
        const colours = new Set<number>();
        for (let k = 0; k < pixels.length; k += 4)
          colours.add(
            (pixels[k] as number) * 65536 +
              (pixels[k + 1] as number) * 256 +
              (pixels[k + 2] as number),
          );
        return { unit: canvas.dataset.unit, colours: colours.size };
      }),
    );
    expect(units.map((u) => u.unit)).toEqual(["0", "1", "2", "3"]);
    // A unit's activation varies over [0,1]²: many colours, not a blank square.
    for (const unit of units) expect(unit.colours).toBeGreaterThan(10);
    // Three inputs: no unit maps (and no decision map).
    await page.selectOption("#preset", "full-adder");
    await page.waitForSelector("#decision-card .hint");
    expect(await page.locator("canvas.unit-map").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("trains at the edge and confirms the same bits as the preview", async () => {
    const { page, errors, trainRequests } = await open("timeline-same-bits");
    await page.goto("/");
    await computed(page);
    await page.click("#train");
    await page.waitForSelector('#same-bits[data-state="same"]', { timeout: 60_000 });
    expect(await page.textContent("#same-bits")).toContain("Same bits as your preview ✓");
    expect(trainRequests).toHaveLength(1);
    const response = (await (await trainRequests[0]?.response())?.json()) as {
      result: { weightsHash: string };
    };
    expect(await page.textContent("#same-bits")).toContain(response.result.weightsHash);
    expect(errors).toEqual([]);
  });

  it("replays a stored model at its /m/{id} address", async () => {
    const first = await open("timeline-stored-first");
    await trainPreset(first.page, "and");
    const link = await first.page.getAttribute("#share-link", "href");
    const second = await open("timeline-stored-second");
    await second.page.goto(link ?? "");
    await second.page.waitForSelector('#same-bits[data-state="same"]', { timeout: 60_000 });
    expect(await second.page.textContent("#same-bits")).toContain("the replay in your browser");
    await shownAtEnd(second.page);
    const and = presets.and?.request as TrainRequest;
    // and: one sigmoid unit, no tanh: Node's core gives the same bits as the browser's.
    expect(await weightsShown(second.page)).toEqual(flat(train(and).model));
    await scrubTo(second.page, 0);
    expect(await weightsShown(second.page)).toEqual(flat(initialModel(and)));
    expect(new URL(second.page.url()).pathname).toBe(link);
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
  });

  it("keeps the form in the hash: reload gives the same form, and a link shares it", async () => {
    const { page, errors } = await open("timeline-hash");
    await page.goto("/");
    await page.selectOption("#preset", "half-adder");
    await page.fill("#training-epochs", "1234");
    await page.locator("#training-epochs").blur();
    await page.fill("#training-learningRate", "0.75");
    await page.locator("#training-learningRate").blur();
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('"epochs":1234'));
    const address = page.url();
    await page.reload();
    expect(await page.inputValue("#training-epochs")).toBe("1234");
    expect(await page.inputValue("#training-learningRate")).toBe("0.75");
    const other = await open("timeline-hash-shared");
    await other.page.goto(address);
    expect(await other.page.inputValue("#training-epochs")).toBe("1234");
    expect(await other.page.locator(".truth tbody tr:not(.row-error)").count()).toBe(4);
    await computed(other.page);
    expect(await other.page.getAttribute("#timeline-epoch", "max")).toBe("1234");
    expect(errors).toEqual([]);
    expect(other.errors).toEqual([]);
  });

  it("names the wrong field of a hand-edited hash, and survives one that is not JSON", async () => {
    const { page, errors } = await open("timeline-bad-hash");
    const broken = withEpochs(xor, 500);
    const bad = { ...broken, training: { ...broken.training, learningRate: -1 } };
    await page.goto(`/#request=${encodeURIComponent(JSON.stringify(bad))}`);
    expect(await page.textContent("#hash-error")).toContain("training.learningRate");
    expect(await page.textContent("#error-training-learningRate")).toContain("above 0");
    expect(await page.inputValue("#training-epochs")).toBe("500");
    await page.goto("/#request=%7Bnot%20json");
    expect(await page.textContent("#hash-error")).toContain("not valid JSON");
    expect(await page.inputValue("#training-epochs")).toBe(String(xor.training.epochs));
    await page.waitForSelector("#timeline");
    expect(errors).toEqual([]);
  });

  it("works from the keyboard: every control is labelled and reachable; Space plays, arrows step", async () => {
    const { page, errors } = await open("timeline-keyboard");
    await page.goto("/");
    await computed(page);
    await page.click("#timeline-reset");
    for (const id of [
      "timeline-play",
      "timeline-back",
      "timeline-forward",
      "timeline-reset",
      "timeline-speed",
      "timeline-epoch",
    ]) {
      const control = page.locator(`#${id}`);
      expect(await control.evaluate((element) => (element as HTMLElement).tabIndex)).toBe(0);
    }
    expect(await page.locator("#timeline-epoch").getAttribute("aria-valuetext")).toMatch(
      /^epoch 0 of 2,000$/,
    );
    expect(await page.locator("label[for=timeline-epoch]").count()).toBeGreaterThan(0);
    expect(await page.locator("label[for=timeline-speed]").count()).toBe(1);
    await page.focus("#timeline-reset");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>("#timeline")?.dataset.epoch === "1",
    );
    await page.focus("#timeline-epoch");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>("#timeline")?.dataset.epoch === "2",
    );
    await page.keyboard.press(" ");
    expect(await page.getAttribute("#timeline", "data-playing")).toBe("true");
    await page.keyboard.press(" ");
    expect(await page.getAttribute("#timeline", "data-playing")).toBe("false");
    expect(errors).toEqual([]);
  });

  it("does not autoplay for a person who prefers reduced motion", async () => {
    const reduced = await open("timeline-reduced-motion", { reducedMotion: "reduce" });
    await reduced.page.goto("/");
    await computed(reduced.page);
    expect(await reduced.page.getAttribute("#timeline", "data-playing")).toBe("false");
    expect(await epochShown(reduced.page)).toBe(0);
    const moving = await open("timeline-motion", { reducedMotion: "no-preference" });
    await moving.page.goto("/");
    await moving.page.waitForFunction(
      () => Number(document.querySelector<HTMLElement>("#timeline")?.dataset.epoch) > 0,
    );
    expect(reduced.errors).toEqual([]);
    expect(moving.errors).toEqual([]);
  });

  it("keeps its layout: cumulative layout shift under 0.05 from load to a stored model", async () => {
    const { page, errors } = await open("timeline-layout-shift");
    await page.addInitScript(() => {
      const shifts: { value: number; input: boolean }[] = [];
      (window as unknown as { shifts: typeof shifts }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as {
          value: number;
          hadRecentInput: boolean;
        }[]) {
          shifts.push({ value: entry.value, input: entry.hadRecentInput });
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto("/");
    await page.waitForSelector("#cost .cost-line");
    await computed(page);
    await page.selectOption("#preset", "and");
    await page.waitForSelector("#result-card-title:text('Run: and')");
    await computed(page);
    await page.click("#train");
    await page.waitForSelector('#same-bits[data-state="same"]', { timeout: 60_000 });
    await page.waitForTimeout(500);
    const shifts = await page.evaluate(
      () => (window as unknown as { shifts: { value: number; input: boolean }[] }).shifts,
    );
    const cumulative = shifts
      .filter((shift) => !shift.input)
      .reduce((sum, shift) => sum + shift.value, 0);
    expect(cumulative).toBeLessThan(0.05);
    expect(errors).toEqual([]);
  });
});
