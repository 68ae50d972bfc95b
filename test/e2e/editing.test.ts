// Editing the truth table by hand and by pasting, and what the page does when the server fails.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { browserSuite } from "./browser.ts";

const dataRows = (page: Page) => page.locator(".truth tbody tr:not(.row-error)");
const cell = (page: Page, path: string) => page.locator(`[data-path="${path}"]`);

browserSuite("editing the table", (open) => {
  it("adds and removes columns and rows, toggles cells, names columns, generates every combination", async () => {
    const { page, errors, trainRequests } = await open("edit-table");
    await page.goto("/");
    await page.selectOption("#preset", "and");
    expect(await dataRows(page).count()).toBe(4);

    await page.click("#add-input");
    expect(await page.locator("input.name").count()).toBe(4);
    await page.fill('[data-path="table.inputNames.2"]', "carry");
    await page.click("#generate-rows");
    expect(await dataRows(page).count()).toBe(8);
    // Rows already in the table keep their targets: 1,1,0 was and's 1,1 → 1.
    expect(await cell(page, "table.inputs.6.0").inputValue()).toBe("1");
    expect(await cell(page, "table.inputs.6.2").inputValue()).toBe("0");
    expect(await cell(page, "table.targets.6.0").inputValue()).toBe("1");
    expect(await cell(page, "table.targets.7.0").inputValue()).toBe("0");

    await cell(page, "table.targets.7.0").click();
    expect(await cell(page, "table.targets.7.0").inputValue()).toBe("1");
    await cell(page, "table.targets.5.0").fill("0.25");
    await page.click("#remove-row-0");
    expect(await dataRows(page).count()).toBe(7);
    await page.click("#add-output");
    await page.click("#remove-output-1");
    await page.click("#add-row");
    expect(await dataRows(page).count()).toBe(8);

    await page.click("#train");
    await page.waitForSelector("#results[data-model]");
    const sent = trainRequests[0]?.postDataJSON() as { table: Record<string, unknown[]> };
    expect(sent.table.inputNames).toEqual(["a", "b", "carry"]);
    expect(sent.table.inputs).toHaveLength(8);
    expect(sent.table.targets?.[4]).toEqual([0.25]);
    expect(sent.table.targets?.[6]).toEqual([1]);
    expect(await page.locator("#predictions tbody tr").count()).toBe(8);
    expect(errors).toEqual([]);
  });

  it("reads cells copied from a spreadsheet (tabs), and semicolons with decimal commas", async () => {
    const { page, errors } = await open("paste-spreadsheet");
    await page.goto("/");
    await page.click("details.csv summary");
    await page.fill("#csv-text", "x\ty\tout\n0\t1\t1\n1\t1\t0\n");
    await page.fill("#csv-outputs", "1");
    await page.click("#csv-use");
    expect(await dataRows(page).count()).toBe(2);
    expect(await cell(page, "table.inputs.1.0").inputValue()).toBe("1");
    expect(await cell(page, "table.targets.1.0").inputValue()).toBe("0");

    await page.fill("#csv-text", "p;q\n0,25;1\n0,75;0\n");
    await page.click("#csv-use");
    expect(await cell(page, "table.inputs.0.0").inputValue()).toBe("0.25");
    expect(await page.textContent("#csv-error")).toBe("");

    await page.fill("#csv-text", "p|q\n0|1\n");
    await page.click("#csv-use");
    expect(await page.textContent("#csv-error")).toContain("vertical bars");
    expect(errors).toEqual([]);
  });

  it("reads a pasted CSV table", async () => {
    const { page, errors } = await open("paste-csv");
    await page.goto("/");
    await page.click("details.csv summary");
    await page.fill("#csv-text", "p,q,r,s\n0,0,1,0\n1,1,0,1\n1,0,1,1");
    await page.fill("#csv-outputs", "2");
    await page.click("#csv-use");
    expect(await dataRows(page).count()).toBe(3);
    expect(
      await page
        .locator("input.name")
        .evaluateAll((names) => names.map((n) => (n as HTMLInputElement).value)),
    ).toEqual(["p", "q", "r", "s"]);
    expect(await cell(page, "table.targets.1.1").inputValue()).toBe("1");
    expect(await page.textContent("#csv-error")).toBe("");
    expect(errors).toEqual([]);
  });

  it("shows a problem answer's issues at the fields they name", async () => {
    const { page, errors } = await open("problem-answer");
    // The page checks everything the server does, so the server's refusal is staged here.
    await page.route("**/api/train", (route) =>
      route.fulfill({
        status: 422,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: "about:blank",
          title: "Over a limit",
          status: 422,
          detail: "epochs 90000 > 50000",
          issues: [{ path: "training.epochs", message: "epochs 90000 > 50000" }],
        }),
      }),
    );
    // The limits arrive only after the refusal: the late re-judge must not wipe its messages.
    let releaseHealth = () => {};
    const healthHeld = new Promise<void>((release) => {
      releaseHealth = release;
    });
    await page.route("**/api/health", async (route) => {
      await healthHeld;
      await route.continue();
    });
    await page.goto("/");
    await page.click("#train");
    await page.waitForSelector("#error-training-epochs span");
    const healthAnswered = page.waitForResponse((response) =>
      response.url().endsWith("/api/health"),
    );
    releaseHealth();
    await healthAnswered;
    await page.waitForFunction(
      () => !document.querySelector("#cost")?.textContent?.includes("(default)"),
    );
    expect(await page.textContent("#error-training-epochs")).toContain("epochs 90000 > 50000");
    expect(await page.getAttribute("#training-epochs", "aria-invalid")).toBe("true");
    expect(await page.textContent("#train-error")).toContain("HTTP 422");
    // Editing the field makes the refusal stale: its message goes.
    await page.fill("#training-epochs", "1000");
    expect(await page.textContent("#error-training-epochs")).toBe("");
    // Chromium logs every 4xx fetch; that one was asked for.
    expect(errors.filter((error) => !error.includes("422"))).toEqual([]);
  });

  it("says when the server cannot be reached and trains on retry", async () => {
    const { page, errors } = await open("network-failure");
    await page.route("**/api/train", (route) => route.abort("internetdisconnected"));
    await page.goto("/");
    await page.click("#train");
    await page.waitForSelector("#retry");
    expect(await page.textContent("#train-error")).toContain("could not be reached");
    expect(await page.isEnabled("#train")).toBe(true);
    await page.unroute("**/api/train");
    await page.click("#retry");
    await page.waitForSelector("#results[data-model]");
    expect(errors.filter((error) => !error.includes("ERR_INTERNET_DISCONNECTED"))).toEqual([]);
  });
});
