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
  for (const [index, hidden] of request.network.hidden.entries()) {
    if (index > 0) await page.click("#add-layer");
    await page.fill(`#network-hidden-${index}-units`, String(hidden.units));
    await page.selectOption(`#network-hidden-${index}-activation`, hidden.activation);
  }
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
    // The job is done in a second or two: its panel may be gone before a look, its requests not.
    const started = page.waitForResponse(
      (response) => new URL(response.url()).pathname === "/api/jobs" && response.status() === 202,
    );
    const watched = page.waitForResponse((response) =>
      /^\/api\/jobs\/[\w-]{22}$/.test(new URL(response.url()).pathname),
    );
    await page.click("#train");
    await started;
    const firstLook = (await (await watched).json()) as { epochs: number; slices: number };
    expect(firstLook).toMatchObject({ epochs: 5000, slices: expect.any(Number) });
    await page.waitForSelector("#weights td.weight", { state: "attached", timeout: 60_000 });
    expect(trainRequests).toHaveLength(0);
    const expected = train(classics.encoder, uncapped);
    expect(expected.accuracy).toBe(1);
    expect(await page.textContent("#accuracy")).toBe("100%");
    expect(await shownWeights(page)).toEqual(flat(expected.model));
    expect(await page.textContent("#weights-hash")).toBe(expected.weightsHash);
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
    // One run of all the epochs on the same engine: the xor preset's tanh units take Math.tanh,
    // whose last bit workerd's V8 and Node's may disagree on, so the reference is the API's.
    const response = await fetch(`${baseUrl()}/api/train`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        ...xor,
        training: { ...xor.training, epochs: xor.training.epochs + 500 },
        persist: false,
      }),
    });
    const longer = (await response.json()) as { model: Model };
    expect(await page.textContent("#epochs-run")).toBe(
      (xor.training.epochs + 500).toLocaleString("en-US"),
    );
    expect(await shownWeights(page)).toEqual(flat(longer.model));
    expect(errors).toEqual([]);
  });

  it("shows a running job's progress after a reload, and cancels it", async () => {
    const { page, errors } = await open("job-cancel");
    const xor = presets.xor?.request as TrainRequest;
    // xor 2-48-48-1 for 100,000 epochs: about 880 slices, seconds enough to watch and cancel.
    const layer = { units: 48, activation: "tanh" } as const;
    await fillForm(page, {
      ...xor,
      network: { ...xor.network, hidden: [layer, layer] },
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
