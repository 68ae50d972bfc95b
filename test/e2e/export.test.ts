// "Use this model elsewhere" in the page: a download per format that saves the API's very file,
// its usage lines, and Netron as a link only (no request leaves the page's origin).
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { exportFormats } from "../../shared/index.ts";
import { baseUrl, describeInBrowser, launch, openPage, trainPreset } from "./browser.ts";

describeInBrowser("use this model elsewhere", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("downloads each format as the API serves it, on the results and at /m/{id}", async () => {
    const { page, errors, context } = await openPage(browser, "export-downloads");
    const origins = new Set<string>();
    page.on("request", (request) => origins.add(new URL(request.url()).origin));
    await trainPreset(page, "xor");
    const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const expected = { onnx: "xor.onnx", js: "xor.mjs", py: "xor.py", c: "xor.h" } as const;

    for (const [where, shown] of [
      ["results", page],
      ["/m/{id}", await context.newPage()],
    ] as const) {
      if (where === "/m/{id}") await shown.goto(`/m/${id}`);
      await shown.waitForSelector("#export-card", { state: "visible" });
      expect(await shown.textContent("#export-card-title")).toBe("Use this model elsewhere");
      for (const format of exportFormats) {
        const link = shown.locator(`#export-${format}`);
        expect(await link.getAttribute("href")).toBe(`/api/models/${id}/export/${format}`);
        const [download] = await Promise.all([shown.waitForEvent("download"), link.click()]);
        expect(download.suggestedFilename()).toBe(expected[format]);
        const saved = readFileSync((await download.path()) as string);
        const served = await fetch(`${baseUrl()}/api/models/${id}/export/${format}`);
        expect(new Uint8Array(saved)).toEqual(new Uint8Array(await served.arrayBuffer()));
        const snippet = (await shown.textContent(`#export-snippet-${format}`)) ?? "";
        expect(snippet).toContain(expected[format].replace(/\.py$/, ""));
        expect(snippet.split("\n").length).toBeLessThanOrEqual(3);
      }
      const netron = shown.locator("#netron-link");
      expect(await netron.getAttribute("href")).toBe("https://netron.app/");
      expect(await netron.getAttribute("rel")).toContain("noopener");
    }
    expect([...origins]).toEqual([new URL(baseUrl()).origin]);
    expect(errors).toEqual([]);
  });
});
