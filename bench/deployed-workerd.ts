// The Worker as `wrangler deploy` would upload it, run in a workerd of its own through Miniflare:
// the bundle `wrangler deploy --dry-run` writes, with wrangler.toml's bindings. `wrangler dev`
// adds what production has not: its middleware around the Worker and an inspector on the
// isolate. With the same runtime they cost 1.5–3 ms of CPU a request more (health 2.7 → 4.2
// ms, a 256-row 18-epoch training 9.4 → 12.2 ms, medians of 40, 2026-12-01). The benchmark reads
// the CPU of this workerd's threads (workerd-cpu.ts): the runtime's own figure, without wrangler's
// proxy or the machine's other processes.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { buildDeployBundle as buildBundleInto } from "../test/support/deploy-bundle.ts";
import { repoRoot } from "../test/support/dev-server.ts";

// The Miniflare (and so the workerd) that wrangler itself runs, which may be newer than the one
// the test pool brings: then the runtime is the same as `wrangler dev`'s, without its additions.
const fromWrangler = createRequire(createRequire(import.meta.url).resolve("wrangler/package.json"));
const { convertV4MiniflareOptions, Miniflare } = (await import(
  pathToFileURL(fromWrangler.resolve("miniflare")).href
)) as typeof import("miniflare");

export type DeployedWorkerd = {
  /** The pid of the workerd that runs it (Miniflare starts one, a child of this process). */
  pid: number;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  dispose(): Promise<void>;
};

const bundleDir = join(repoRoot, "bench/build/deploy");

/** Builds the deploy bundle into bench/build/deploy (git ignores bench/build). */
export function buildDeployBundle(): void {
  rmSync(bundleDir, { recursive: true, force: true });
  mkdirSync(bundleDir, { recursive: true });
  buildBundleInto(bundleDir);
}

/** The bundle built last, in a fresh workerd with wrangler.toml's bindings and `vars` over them. */
export async function startDeployedWorkerd(vars: Record<string, string>): Promise<DeployedWorkerd> {
  const before = new Set(workerdChildren());
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(repoRoot, "wrangler.toml"));
  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      workers: [
        {
          // wrangler.toml's settings and bindings (its module rules have no v5 form, and the
          // bundle needs none).
          compatibilityDate: workerOptions.compatibilityDate,
          compatibilityFlags: workerOptions.compatibilityFlags,
          kvNamespaces: workerOptions.kvNamespaces,
          workflows: workerOptions.workflows,
          ratelimits: workerOptions.ratelimits,
          assets: workerOptions.assets,
          name: "backprop-edge",
          modules: true,
          // Miniflare reads modules below its root only, so the path is relative to the repository.
          rootPath: repoRoot,
          scriptPath: relative(repoRoot, join(bundleDir, "index.js")),
          bindings: { ...(workerOptions.bindings as Record<string, unknown>), ...vars },
        },
      ],
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  await miniflare.ready;
  const started = workerdChildren().filter((pid) => !before.has(pid));
  if (started.length !== 1) {
    await miniflare.dispose();
    throw new Error(`expected one new workerd, found ${started.length}`);
  }
  return {
    pid: started[0] as number,
    fetch: (path, init) =>
      miniflare.dispatchFetch(
        `http://localhost${path}`,
        init as never,
      ) as unknown as Promise<Response>,
    dispose: () => miniflare.dispose(),
  };
}

function workerdChildren(): number[] {
  try {
    const found = execFileSync("pgrep", ["-P", String(process.pid), "-x", "workerd"], {
      encoding: "utf8",
    });
    return found.trim().split("\n").map(Number);
  } catch {
    return [];
  }
}
