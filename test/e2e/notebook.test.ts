// The notebook, trained at the edge from the page with its preset and nothing else changed.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInBrowser, launch, openPage, trainPreset } from "./browser.ts";

describeInBrowser("the notebook preset", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("predicts 0.99993703 for [1, 0, 0] in the predict box", async () => {
    const { page, errors } = await openPage(browser, "notebook-predict");
    await trainPreset(page, "notebook");
    for (const [i, value] of ["1", "0", "0"].entries())
      await page.fill(`#predict-input-${i}`, value);
    await page.click("#predict-button");
    const answer = page.locator("#predict-answer dd");
    await answer.waitFor();
    expect(await answer.textContent()).toBe("0.99993703");
    expect(await page.textContent("#predict-curl")).toContain("/predict?x=1,0,0");
    expect(errors).toEqual([]);
  });
});
