// Train xor in the page, then check what the page shows against the API and the core.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { type Model, traceStep } from "../../shared/index.ts";
import { baseUrl, browserSuite, trainPreset } from "./browser.ts";

/** The exact doubles the page holds in data-value attributes under `selector`. */
function values(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (cells) =>
    cells.map((cell) => Number((cell as HTMLElement).dataset.value)),
  );
}

async function storedModel(page: Page): Promise<Model> {
  const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  const response = await fetch(`${baseUrl()}/api/models/${id}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { model: Model };
  return body.model;
}

browserSuite("training xor in the page", (open) => {
  it("draws the loss curve and gets 4 of 4 rows right", async () => {
    const { page, errors, trainRequests } = await open("xor-trains");
    await trainPreset(page, "xor");
    expect(trainRequests).toHaveLength(1);
    const points = Number(await page.getAttribute(".loss-line", "data-points"));
    expect(points).toBeGreaterThan(10);
    expect(await page.getAttribute(".loss-line", "d")).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+$/);
    expect(await page.locator("#predictions tbody tr").count()).toBe(4);
    expect(await page.locator("#predictions tbody tr[data-right='true']").count()).toBe(4);
    expect(await page.textContent("#predictions caption")).toBe("4/4 rows right");
    expect(await page.textContent("#accuracy")).toBe("100%");
    expect(page.url()).toMatch(/\/m\/[\w-]+$/);
    expect(errors).toEqual([]);
  });

  it("shows the same model at its /m/{id} link in a fresh browser context", async () => {
    const first = await open("share-first");
    await trainPreset(first.page, "xor");
    const link = await first.page.getAttribute("#share-link", "href");
    expect(link).toMatch(/^\/m\/[\w-]+$/);
    const weights = await values(first.page, "#weights td.weight");
    expect(weights.length).toBeGreaterThan(0);

    const second = await open("share-second");
    await second.page.goto(link ?? "");
    await second.page.waitForSelector("#weights td.weight", { state: "attached" });
    expect(await values(second.page, "#weights td.weight")).toEqual(weights);
    expect(await second.page.textContent("#predictions caption")).toBe("4/4 rows right");
    // The form shows the model's own table and settings, not the default preset's.
    expect(await second.page.inputValue("#training-epochs")).toBe(
      await first.page.inputValue("#training-epochs"),
    );
    // Only the browser that trained it holds the delete token.
    expect(await second.page.locator("#delete-model").count()).toBe(0);
    expect(await first.page.locator("#delete-model").count()).toBe(1);
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
  });

  it("deletes a model made in this browser", async () => {
    const { page, errors } = await open("delete");
    await trainPreset(page, "and");
    const path = new URL(page.url()).pathname;
    await page.click("#delete-model");
    await page.click("#confirm-delete");
    await page.waitForURL((url) => url.pathname === "/");
    expect(await page.textContent("#train-status")).toContain("deleted");
    expect((await fetch(`${baseUrl()}/api/models/${path.split("/").at(-1)}`)).status).toBe(404);
    expect(errors).toEqual([]);
  });

  it("steps through backprop with the core's numbers", async () => {
    const { page, errors } = await open("step-by-step");
    await trainPreset(page, "xor");
    const model = await storedModel(page);
    const row = 2;
    await page.selectOption("#step-row", String(row));
    const trace = traceStep(model, model.request.table, row);
    expect(trace.layers.length).toBe(model.layers.length);
    for (const [index, layer] of trace.layers.entries()) {
      const shown = `#step-body li[data-layer="${index + 1}"]`;
      const expected = Array.from(layer.weightsAfter, (weights) => Array.from(weights)).flat();
      expect(await values(page, `${shown} [data-role="weight-after"]`)).toEqual(expected);
      if (layer.biasAfter) {
        expect(await values(page, `${shown} [data-role="bias-after"]`)).toEqual(
          Array.from(layer.biasAfter),
        );
      }
      // A step really moves the weights: the view is not just showing the old ones twice.
      const before = Array.from(layer.weightsBefore, (weights) => Array.from(weights)).flat();
      expect(expected).not.toEqual(before);
    }
    expect(errors).toEqual([]);
  });
});
