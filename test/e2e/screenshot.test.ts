// The README's picture, taken by the suite itself: the page after training xor, from the top to
// the decision map, at 1280 px. docs/page.png is rewritten only when the page looks different, so
// the picture is always the page as it is and an unchanged page leaves the file alone.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { expect, it } from "vitest";
import { browserSuite, trainPreset } from "./browser.ts";

const picture = new URL("../../docs/page.png", import.meta.url).pathname;
const width = 1280;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

browserSuite("the README's picture", (open) => {
  it("is the page after training xor, down to the decision map", async () => {
    const { page, errors } = await open("readme-picture", { viewport: { width, height: 900 } });
    await trainPreset(page, "xor");
    expect(await page.textContent("#predictions caption")).toBe("4/4 rows right");
    // Nothing that differs from run to run (the model's id, the server's port) is above this.
    const bottom = await page
      .locator("#decision-card")
      .evaluate((card) => card.getBoundingClientRect().bottom + window.scrollY);
    const height = Math.ceil(bottom + 16);
    await page.mouse.move(0, 0);
    const png = await page.screenshot({
      clip: { x: 0, y: 0, width, height },
      fullPage: true,
      animations: "disabled",
      caret: "hide",
    });
    expect(pngSize(png)).toEqual({ width, height });
    if (!existsSync(picture) || !readFileSync(picture).equals(png)) writeFileSync(picture, png);
    expect(errors).toEqual([]);
  });
});
