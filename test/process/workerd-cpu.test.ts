// The instrument behind bench:api's CPU figures: the deploy bundle in a workerd of its own
// (bench/deployed-workerd.ts), whose threads' CPU bench/workerd-cpu.ts reads per request.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  buildDeployBundle,
  type DeployedWorkerd,
  startDeployedWorkerd,
} from "../../bench/deployed-workerd.ts";
import { cpuBetween, threadCpu } from "../../bench/workerd-cpu.ts";
import { presets } from "../../shared/index.ts";

let workerd: DeployedWorkerd;

beforeAll(async () => {
  buildDeployBundle();
  workerd = await startDeployedWorkerd({ RATE_LIMIT: "off" });
}, 120_000);
afterAll(async () => {
  await workerd?.dispose();
});

describe("the deployed Worker's CPU per thread", () => {
  test("runs the deploy bundle in a workerd of its own, a child of this process", async () => {
    const status = readFileSync(`/proc/${workerd.pid}/status`, "utf8");
    expect(/^PPid:\s*(\d+)/m.exec(status)?.[1]).toBe(String(process.pid));
    expect(readFileSync(`/proc/${workerd.pid}/comm`, "utf8").trim()).toBe("workerd");
    const health = await workerd.fetch("/api/health");
    expect(health.status).toBe(200);
    expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
  });

  test("a training request shows as the request threads' CPU", async () => {
    const request = presets["full-adder"]?.request;
    if (!request) throw new Error("no full-adder preset");
    const spentOn = async (path: string, init?: RequestInit) => {
      const before = threadCpu(workerd.pid);
      const response = await workerd.fetch(path, init);
      expect(response.status).toBe(200);
      await response.text();
      return cpuBetween(before, threadCpu(workerd.pid));
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

  test("a process that has gone is an error, not a zero", () => {
    expect(() => threadCpu(2 ** 30)).toThrow(/has gone/);
  });
});
