// Chromium for the page tests: Debian's /usr/bin/chromium driven by playwright-core (never a
// downloaded browser). Every test file starts its suite with `browserSuite`, which launches one
// browser for the file and hands each test fresh pages. Every page records console errors and
// uncaught exceptions, which fail the test, and leaves a full-page screenshot in test-results/e2e/
// when its test fails.
import { mkdirSync } from "node:fs";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Page,
  type Request,
} from "playwright-core";
import { afterAll, beforeAll, describe, inject, it, onTestFailed } from "vitest";
import { browserPath, haveBrowser, inCi } from "./chromium-path.ts";

const screenshotDir = new URL("../../test-results/e2e/", import.meta.url).pathname;

const launchArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * A describe block that needs the browser. Without Chromium it fails under CI=true (a browser
 * suite that silently skips in CI proves nothing) and skips loudly elsewhere.
 */
function describeInBrowser(name: string, body: () => void): void {
  if (haveBrowser) {
    describe(name, body);
  } else if (inCi) {
    describe(name, () => {
      it("needs Chromium", () => {
        throw new Error(`${browserPath} is missing: install it with apt-get install -y chromium`);
      });
    });
  } else {
    console.warn(
      `\n!!! ${browserPath} is missing: SKIPPING the browser tests "${name}".\n!!! Install it with: apt-get install -y chromium\n`,
    );
    describe.skip(name, body);
  }
}

export function baseUrl(): string {
  const url = inject("baseUrl");
  if (!url) throw new Error("the e2e global setup did not start a server");
  return url;
}

function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: browserPath, args: launchArgs });
}

export type PageOptions = {
  viewport?: { width: number; height: number };
  bypassCSP?: boolean;
  reducedMotion?: "reduce" | "no-preference";
};
/** A fresh page in a context of its own, named for its screenshot if the test fails. */
export type OpenPage = (name: string, options?: PageOptions) => Promise<Session>;

/**
 * The browser suite of one test file: one Chromium for all its tests, launched before the first
 * and closed after the last; `open` gives a test a fresh page watched for errors.
 */
export function browserSuite(name: string, body: (open: OpenPage) => void): void {
  describeInBrowser(name, () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      browser = await launch();
    });
    afterAll(async () => {
      await browser?.close();
    });
    body((pageName, options) => {
      if (!browser) throw new Error("the browser did not start");
      return openPage(browser, pageName, options);
    });
  });
}

export type Session = {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  /** Every request the page sent to /api/train. */
  trainRequests: Request[];
};

/** A fresh context (no storage shared with other tests) and a page watched for errors. */
async function openPage(
  browser: Browser,
  name: string,
  options: PageOptions = {},
): Promise<Session> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    baseURL: baseUrl(),
    bypassCSP: options.bypassCSP ?? false,
    reducedMotion: options.reducedMotion ?? "no-preference",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const trainRequests: Request[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/train") trainRequests.push(request);
  });
  onTestFailed(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    const file = `${screenshotDir}${name.replace(/[^a-z0-9-]+/gi, "-")}.png`;
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.error(`screenshot of the failed page: ${file}`);
  });
  return { context, page, errors, trainRequests };
}

/** Picks a preset and trains it, waiting for the stored model to be shown. */
export async function trainPreset(page: Page, preset: string): Promise<void> {
  await page.goto("/");
  await page.selectOption("#preset", preset);
  await page.click("#train");
  await page.waitForSelector("#results[data-model]", { timeout: 60_000 });
  await shownAtEnd(page);
}

/** Waits until the timeline shows the run's last epoch (its replay has got there). */
export async function shownAtEnd(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const end = document.querySelector("#epochs-run")?.textContent?.replace(/,/g, "");
      const shown = document.querySelector<HTMLElement>("#timeline")?.dataset.epoch;
      return end !== undefined && shown === end;
    },
    undefined,
    { timeout: 60_000 },
  );
}
