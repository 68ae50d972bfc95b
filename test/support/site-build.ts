// The built site, as the dev server serves it: built when site/dist is missing or older than a
// file of site/public (e.g. a fresh clone, or a new static file), with the npm that runs the tests.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./dev-server.ts";

export function ensureSiteBuilt(): void {
  const dist = join(repoRoot, "site/dist");
  const publicFiles = readdirSync(join(repoRoot, "site/public"));
  const built =
    existsSync(join(dist, "index.html")) &&
    publicFiles.every((name) => existsSync(join(dist, name)));
  if (built) return;
  const npm = process.env.npm_execpath;
  if (npm) execFileSync(process.execPath, [npm, "run", "build"], { cwd: repoRoot, stdio: "pipe" });
  else execFileSync("npm", ["run", "build"], { cwd: repoRoot, stdio: "pipe" });
}
