// A real `wrangler dev` on a free port with its own throwaway KV, for tests and benchmarks that
// need the whole stack over HTTP. Builds nothing: it serves site/dist as it is (made if missing).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** wrangler's own entry, run with this process's Node (24), whatever `node` is on PATH. */
export const wranglerBin = join(repoRoot, "node_modules/wrangler/bin/wrangler.js");

export type DevServer = { url: string; stop(): Promise<void> };
export type DevServerOptions = {
  /** Extra [vars], e.g. `{ RATE_LIMIT: "off" }` for a benchmark that trains flat out. */
  vars?: Record<string, string>;
  /** Keep local state here (and leave it on stop) instead of a throwaway directory. */
  persistTo?: string;
  /** How long to wait for /api/health, in ms. */
  timeout?: number;
};

export async function freePort(): Promise<number> {
  return new Promise((accept, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => accept(port));
    });
  });
}

/**
 * Starts wrangler dev on ports found free a moment before. Another process (a workerd of a test
 * file running beside this one) can take such a port in between: wrangler then exits with
 * "Address already in use", and it is started again on new ports, up to three times.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  mkdirSync(join(repoRoot, "site/dist"), { recursive: true });
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(options, await freePort(), await freePort());
    } catch (error) {
      const portTaken = (error as Error).message.includes("Address already in use");
      if (!portTaken || attempt === 3) throw error;
    }
  }
}

async function launch(
  options: DevServerOptions,
  port: number,
  inspectorPort: number,
): Promise<DevServer> {
  const state = options.persistTo ?? mkdtempSync(join(tmpdir(), "backprop-edge-kv-"));
  const vars = Object.entries(options.vars ?? {}).flatMap(([key, value]) => [
    "--var",
    `${key}:${value}`,
  ]);
  const child = spawn(
    process.execPath,
    [
      wranglerBin,
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      state,
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
      ...vars,
    ],
    {
      cwd: repoRoot,
      // Its own process group, so stop() ends wrangler and the workerd it started, nothing else.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
    },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    if (options.persistTo === undefined) rmSync(state, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, options.timeout ?? 60_000);
  } catch (error) {
    await stop();
    throw new Error(`wrangler dev did not start: ${(error as Error).message}\n${output}`);
  }
  return { url, stop };
}

async function waitForHealth(url: string, child: ChildProcess, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`it exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wake) => setTimeout(wake, 200));
  }
  throw new Error(`no answer from ${url}/api/health in ${timeout} ms`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
