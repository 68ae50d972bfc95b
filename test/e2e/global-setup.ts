// Builds the site exactly as `npm run build` does (size check included) and starts one
// `wrangler dev` serving it with the API, for every browser test in the suite.
// E2E_BASE_URL=http://host:port runs the suite against a server that is already up instead.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { browserPath, haveBrowser, inCi } from "./chromium-path.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = fileURLToPath(new URL("../..", import.meta.url));

export default async function setup(project: TestProject) {
  if (!haveBrowser) {
    if (inCi) throw new Error(`${browserPath} is missing; with CI=true the browser tests must run`);
    project.provide("baseUrl", "");
    return;
  }
  const given = process.env.E2E_BASE_URL;
  if (given) {
    project.provide("baseUrl", given.replace(/\/$/, ""));
    return;
  }
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  const { startDevServer } = await import("../support/dev-server.ts");
  const server = await startDevServer();
  project.provide("baseUrl", server.url);
  return async () => {
    await server.stop();
  };
}
