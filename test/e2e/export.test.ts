// "Use this model elsewhere" in the page: a download per format that saves the API's very file,
// its usage lines, and Netron as a link only (no request leaves the page's origin).
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { exportFormats } from "../../shared/index.ts";
import { baseUrl, browserSuite, trainPreset } from "./browser.ts";

const expected = { onnx: "xor.onnx", js: "xor.mjs", py: "xor.py", c: "xor.h" } as const;

/** Every download of the panel saves the bytes the API serves, under the model's name. */
async function checkPanel(page: Page, id: string): Promise<void> {
  await page.waitForSelector("#export-card", { state: "visible" });
  expect(await page.textContent("#export-card-title")).toBe("Use this model elsewhere");
  for (const format of exportFormats) {
    const link = page.locator(`#export-${format}`);
    expect(await link.getAttribute("href")).toBe(`/api/models/${id}/export/${format}`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(expected[format]);
    const saved = readFileSync((await download.path()) as string);
    const served = await fetch(`${baseUrl()}/api/models/${id}/export/${format}`);
    expect(new Uint8Array(saved)).toEqual(new Uint8Array(await served.arrayBuffer()));
    const snippet = (await page.textContent(`#export-snippet-${format}`)) ?? "";
    expect(snippet).toContain(expected[format].replace(/\.py$/, ""));
    expect(snippet.split("\n").length).toBeLessThanOrEqual(3);
  }
  const netron = page.locator("#netron-link");
  expect(await netron.getAttribute("href")).toBe("https://netron.app/");
  expect(await netron.getAttribute("rel")).toContain("noopener");
}

browserSuite("use this model elsewhere", (open) => {
  it("downloads each format as the API serves it, on the results and at /m/{id}", async () => {
    const trained = await open("export-results");
    const origins = new Set<string>();
    trained.page.on("request", (request) => origins.add(new URL(request.url()).origin));
    await trainPreset(trained.page, "xor");
    const id = new URL(trained.page.url()).pathname.split("/").at(-1) ?? "";
    await checkPanel(trained.page, id);

    const shared = await open("export-link");
    shared.page.on("request", (request) => origins.add(new URL(request.url()).origin));
    await shared.page.goto(`/m/${id}`);
    await checkPanel(shared.page, id);

    expect([...origins]).toEqual([new URL(baseUrl()).origin]);
    expect([...trained.errors, ...shared.errors]).toEqual([]);
  });
});
