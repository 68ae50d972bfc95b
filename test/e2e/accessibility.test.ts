// An automated accessibility scan (axe-core) of the page before and after training, at desktop
// width and at 360 px, plus the keyboard paths a scan cannot see.
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { browserSuite, trainPreset } from "./browser.ts";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: Violation[] }> } })
      .axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
}

browserSuite("accessibility", (open) => {
  for (const [label, viewport] of [
    ["desktop", { width: 1280, height: 900 }],
    ["360px", { width: 360, height: 740 }],
  ] as const) {
    it(`has no serious axe violations and no sideways scrolling (${label})`, async () => {
      // axe is injected as a script of its own, which the page's CSP rightly refuses: bypass it here.
      const { page, errors } = await open(`axe-${label}`, {
        viewport,
        bypassCSP: true,
      });
      await page.goto("/");
      await page.waitForSelector("#cost .cost-line");
      expect(await seriousViolations(page)).toEqual([]);
      await trainPreset(page, "xor");
      for (const summary of await page.locator("details summary").all()) await summary.click();
      expect(await seriousViolations(page)).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
    });
  }

  it("works from the keyboard: Space flips a cell, Enter trains, focus is visible", async () => {
    const { page, errors } = await open("keyboard");
    await page.goto("/");
    await page.selectOption("#preset", "and");
    const cell = page.locator('[data-path="table.targets.0.0"]');
    await page.focus("#preset");
    // Tab into the table: the focus must land on controls and show an outline.
    let guard = 0;
    while (
      (await page.evaluate(() => document.activeElement?.getAttribute("data-path"))) !==
        "table.inputs.0.0" &&
      guard++ < 40
    ) {
      await page.keyboard.press("Tab");
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-path"))).toBe(
      "table.inputs.0.0",
    );
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe("none");
    const before = await cell.inputValue();
    await cell.focus();
    await page.keyboard.press(" ");
    expect(await cell.inputValue()).toBe(before === "0" ? "1" : "0");
    await page.keyboard.press(" ");
    expect(await cell.inputValue()).toBe(before);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#results[data-model]", { timeout: 60_000 });
    expect(errors).toEqual([]);
  });
});
