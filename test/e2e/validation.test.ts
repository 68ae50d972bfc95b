// What the page refuses before sending anything: invalid fields and runs over the budget.
import { expect, it } from "vitest";
import { browserSuite } from "./browser.ts";

browserSuite("checks before sending", (open) => {
  it("shows an invalid learning rate beside its field and sends nothing", async () => {
    const { page, errors, trainRequests } = await open("invalid-learning-rate");
    await page.goto("/");
    await page.selectOption("#preset", "xor");
    await page.fill("#training-learningRate", "-1");
    await page.click("#train");
    await page.waitForSelector("#error-training-learningRate span");
    expect(await page.textContent("#error-training-learningRate")).toContain("above 0");
    expect(await page.getAttribute("#training-learningRate", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#training-learningRate", "aria-describedby")).toContain(
      "error-training-learningRate",
    );
    expect(await page.textContent("#train-status")).toContain("Nothing was sent");
    // The field is focused so a keyboard user lands on the problem.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("training-learningRate");
    expect(trainRequests).toHaveLength(0);

    // Fixing it clears the message as the person types.
    await page.fill("#training-learningRate", "0.5");
    expect(await page.textContent("#error-training-learningRate")).toBe("");
    expect(errors).toEqual([]);
  });

  it("flags a network over the budget before sending and does not send it", async () => {
    const { page, errors, trainRequests } = await open("over-budget");
    await page.goto("/");
    await page.selectOption("#preset", "xor");
    expect(await page.getAttribute("#cost", "data-state")).toBe("ok");
    await page.fill("#training-epochs", "100000");
    await page.fill("#network-hidden-0-units", "64");
    for (let layer = 1; layer < 4; layer++) {
      await page.click("#add-layer");
      await page.fill(`#network-hidden-${layer}-units`, "64");
    }
    expect(await page.getAttribute("#cost", "data-state")).toBe("over");
    expect(await page.textContent("#over-budget")).toMatch(
      /Too big to train: cost [\d.e]+ > [\d.e]+/,
    );
    await page.click("#train");
    expect(await page.textContent("#train-status")).toContain("over the budget");
    expect(trainRequests).toHaveLength(0);
    expect(errors).toEqual([]);
  });
});
