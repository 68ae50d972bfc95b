// Jobs in the page (issue 8 Part D): a run over one request's budget runs as a job to the end
// and shows the same weights as the core's uncapped run; a stored model trains on; a job cancels.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import {
  defaultLimits,
  type Model,
  presets,
  type TrainRequest,
  train,
} from "../../shared/index.ts";
import { classics } from "../support/classics.ts";
import { baseUrl, browserSuite, trainPreset } from "./browser.ts";

const uncapped = { ...defaultLimits, maxCost: Number.POSITIVE_INFINITY };

/** Every weight and bias in the order the page's weight tables show them. */
const flat = (model: Model) =>
  model.layers.flatMap((layer) => [...layer.weights.flat(), ...(layer.bias ?? [])]);

const shownWeights = (page: Page) =>
  page.$$eval("#weights td.weight", (cells) =>
    cells.map((cell) => Number((cell as HTMLElement).dataset.value)),
  );

/** Types a request into the form: its table as CSV, then each setting. */
async function fillForm(page: Page, request: TrainRequest) {
  await page.goto("/");
  await page.selectOption("#preset", "xor");
  const { inputs, targets } = request.table;
  const width = (inputs[0]?.length ?? 0) + (targets[0]?.length ?? 0);
  const header = Array.from({ length: width }, (_, i) => `c${i}`).join(",");
  const rows = inputs.map((row, r) => [...row, ...(targets[r] ?? [])].join(","));
  await page.click("details.csv summary");
  await page.fill("#csv-text", [header, ...rows].join("\n"));
  await page.fill("#csv-outputs", String(targets[0]?.length ?? 1));
  await page.click("#csv-use");
  const hidden = request.network.hidden[0];
  await page.fill("#network-hidden-0-units", String(hidden?.units));
  await page.selectOption("#network-hidden-0-activation", hidden?.activation ?? "");
  await page.selectOption("#network-output", request.network.output);
  const training = request.training;
  await page.selectOption("#training-loss", training.loss ?? "mse");
  await page.selectOption("#training-optimizer", training.optimizer ?? "sgd");
  if (training.optimizer === "momentum") {
    await page.fill("#training-momentum", String(training.momentum ?? 0.9));
  }
  await page.fill("#training-learningRate", String(training.learningRate));
  await page.fill("#training-seed", String(training.seed ?? 0));
  await page.fill("#training-epochs", String(training.epochs));
  await page.locator("#training-epochs").blur();
}

browserSuite("jobs in the page", (open) => {
  it("runs the 8-3-8 encoder with 1986 settings as a job to 100%, the core's weights", async () => {
    const { page, errors, trainRequests } = await open("job-encoder");
    await fillForm(page, classics.encoder);
    expect(await page.getAttribute("#cost", "data-state")).toBe("job");
    expect(await page.textContent("#job-offer")).toMatch(
      /too big for one request — run it as a job \(\d+ slices, about \d+ s\)/,
    );
    expect(await page.textContent("#train")).toBe("Run it as a job");
    await page.click("#train");
    await page.waitForSelector("#job-card");
    expect(await page.getAttribute("#job-progress", "max")).toBe("5000");
    await page.waitForSelector("#weights td.weight", { state: "attached", timeout: 60_000 });
    expect(trainRequests).toHaveLength(0);
    const expected = train(classics.encoder, uncapped);
    expect(expected.accuracy).toBe(1);
    expect(await page.textContent("#accuracy")).toBe("100%");
    expect(await shownWeights(page)).toEqual(flat(expected.model));
    expect(await page.textContent("#summary .hash")).toBe(expected.weightsHash);
    expect(page.url()).toMatch(/\/m\/[\w-]{22}$/);
    expect(errors).toEqual([]);
  });

  it("trains a stored xor model on, with the chain shown, as one longer run", async () => {
    const { page, errors } = await open("job-continue");
    await trainPreset(page, "xor");
    const parentUrl = new URL(page.url()).pathname;
    await page.fill("#more-epochs", "500");
    expect(await page.textContent("#train-more")).toBe("Train 500 more epochs");
    await page.click("#train-more");
    await page.waitForFunction((before) => location.pathname !== before, parentUrl);
    await page.waitForSelector("#chain-list a", { state: "attached" });
    expect(await page.getAttribute("#chain-list a", "href")).toBe(parentUrl);
    const xor = presets.xor?.request as TrainRequest;
    const longer = train({
      ...xor,
      training: { ...xor.training, epochs: xor.training.epochs + 500 },
    });
    expect(await page.textContent("#epochs-run")).toBe(String(xor.training.epochs + 500));
    expect(await shownWeights(page)).toEqual(flat(longer.model));
    expect(errors).toEqual([]);
  });

  it("shows a running job's progress after a reload, and cancels it", async () => {
    const { page, errors } = await open("job-cancel");
    const xor = presets.xor?.request as TrainRequest;
    // xor 2-64-1 for 100,000 epochs: about 150 slices, long enough to watch and cancel.
    await fillForm(page, {
      ...xor,
      network: { ...xor.network, hidden: [{ units: 64, activation: "tanh" }] },
      training: { ...xor.training, epochs: 100_000 },
    });
    expect(await page.getAttribute("#cost", "data-state")).toBe("job");
    await page.click("#train");
    await page.waitForSelector("#job-card[data-status='running']", { timeout: 30_000 });
    await page.waitForFunction(
      () => Number(document.querySelector("#job-progress")?.getAttribute("data-done")) > 0,
      undefined,
      { timeout: 30_000 },
    );
    const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    await page.reload();
    await page.waitForSelector("#job-card[data-status='running']", { timeout: 30_000 });
    expect(await page.textContent("#job-status")).toMatch(/Training: [\d,]+ of 100,000 epochs/);
    await page.click("#cancel-job");
    await page.waitForSelector("#job-card[data-status='cancelled']", { timeout: 30_000 });
    expect((await fetch(`${baseUrl()}/api/models/${id}`)).status).toBe(404);
    expect(errors).toEqual([]);
  });
});
