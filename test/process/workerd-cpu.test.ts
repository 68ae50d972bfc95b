// bench/workerd-cpu.ts, the instrument behind bench:api's CPU figures: it finds the workerd that
// runs the Worker under `wrangler dev` and counts the CPU its threads spend on a request.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cpuBetween, threadCpu, workerdPid } from "../../bench/workerd-cpu.ts";
import { presets } from "../../shared/index.ts";
import { type DevServer, startDevServer } from "../support/dev-server.ts";

let server: DevServer;

beforeAll(async () => {
  server = await startDevServer({ vars: { RATE_LIMIT: "off" } });
});
afterAll(async () => {
  await server?.stop();
});

describe("workerd's CPU per thread", () => {
  test("finds the workerd that runs the Worker: the one wrangler starts with an inspector", () => {
    const pid = workerdPid(server.pid);
    expect(pid).not.toBeNull();
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    expect(args.some((arg) => arg.startsWith("--inspector-addr"))).toBe(true);
  });

  test("a training request shows as the request threads' CPU", async () => {
    const pid = workerdPid(server.pid) as number;
    const request = presets["full-adder"]?.request;
    if (!request) throw new Error("no full-adder preset");
    const spentOn = async (path: string, init?: RequestInit) => {
      const before = threadCpu(pid);
      const response = await fetch(`${server.url}${path}`, init);
      expect(response.status).toBe(200);
      await response.text();
      return cpuBetween(before, threadCpu(pid));
    };
    const health = await spentOn("/api/health");
    const training = await spentOn("/api/train", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...request, persist: false }),
    });
    // The full adder is about the default budget: several ms of training on the request thread,
    // on top of what any request costs there.
    expect(training.request).toBeGreaterThan(health.request + 2);
    expect(training.background).toBeGreaterThanOrEqual(0);
  });

  test("no workerd in a process group that has none", () => {
    expect(workerdPid(process.pid)).toBeNull();
  });
});
