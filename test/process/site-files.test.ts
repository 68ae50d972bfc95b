// The page's own small files, as `wrangler dev` serves them from site/dist: robots.txt and the
// favicons are the real files (not the page, which any other unknown path gets), the page has a
// description, and the fingerprinted assets are cached for a year while the page is revalidated.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, repoRoot, startDevServer } from "../support/dev-server.ts";
import { ensureSiteBuilt } from "../support/site-build.ts";

let server: DevServer;
beforeAll(async () => {
  ensureSiteBuilt();
  server = await startDevServer();
});
afterAll(async () => {
  await server?.stop();
});

// What a browser sends when it loads an address: the request that gets the page on a miss.
const navigate = { headers: { "Sec-Fetch-Mode": "navigate", Accept: "text/html,*/*" } };
const publicFile = (name: string) => readFileSync(join(repoRoot, "site/public", name));

describe("files served as they are", () => {
  it.each([
    ["robots.txt", /^text\/plain/],
    ["favicon.svg", /^image\/svg\+xml/],
    ["favicon.ico", /^image\/(x-icon|vnd\.microsoft\.icon)/],
  ])("/%s is the file, with its own type", async (name, type) => {
    for (const init of [{}, navigate]) {
      const response = await fetch(`${server.url}/${name}`, init);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toMatch(type);
      expect(Buffer.from(await response.arrayBuffer()).equals(publicFile(name))).toBe(true);
    }
  });

  it("robots.txt keeps crawlers off the API and the model pages", () => {
    const rules = publicFile("robots.txt").toString("utf8");
    expect(rules).toMatch(/^User-agent: \*$/m);
    expect(rules).toMatch(/^Disallow: \/api\/$/m);
    expect(rules).toMatch(/^Disallow: \/m\/$/m);
  });
});

describe("the page and its assets", () => {
  it("describes itself and links its icons", async () => {
    const html = await (await fetch(`${server.url}/`, navigate)).text();
    const description = /<meta name="description" content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(description.length).toBeGreaterThan(50);
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"');
    expect(html).toContain('<link rel="icon" href="/favicon.ico"');
  });

  it("caches fingerprinted assets for a year, and revalidates the page", async () => {
    const page = await fetch(`${server.url}/`, navigate);
    expect(page.headers.get("Cache-Control") ?? "").not.toMatch(/immutable|max-age=[1-9]/);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      // Vite names each file after its content, so an asset's name changes when it does.
      expect(asset).toMatch(/^\/assets\/[\w]+-[\w-]{8}\.(js|css)$/);
      const response = await fetch(`${server.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get("Cache-Control"), asset).toBe(
        "public, max-age=31536000, immutable",
      );
    }
  });
});
