// The notebook, trained at the edge from the page with its preset and nothing else changed.
import { expect, it } from "vitest";
import { browserSuite, trainPreset } from "./browser.ts";

browserSuite("the notebook preset", (open) => {
  it("predicts 0.99993703 for [1, 0, 0] in the predict box", async () => {
    const { page, errors } = await open("notebook-predict");
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
