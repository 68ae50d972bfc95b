// Workers Logs: one JSON line for every training run, 429 and 5xx, with the route, the status and
// the run's figures, and never a value from the request or a token.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { app } from "../../worker/app.ts";
import type { LogLine } from "../../worker/request-log.ts";
import { type Created, call, postJson, trainStored, xorRequest } from "./helpers.ts";
import { trainLimit } from "./train-limit.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

const secret = "S3CR3T-NAME-NEVER-LOGGED";
const request = { ...xorRequest, name: secret };

/** Every line the Worker writes while `act` runs, by console method. */
async function logged(act: () => Promise<unknown>) {
  const spies = {
    log: vi.spyOn(console, "log"),
    warn: vi.spyOn(console, "warn"),
    error: vi.spyOn(console, "error"),
  };
  await act();
  const lines = Object.entries(spies).flatMap(([level, spy]) =>
    spy.mock.calls.map((args) => ({ level, text: args.map(String).join(" ") })),
  );
  for (const spy of Object.values(spies)) spy.mockRestore();
  return lines.map(({ level, text }) => ({ level, text, line: JSON.parse(text) as LogLine }));
}

describe("a line per training run", () => {
  it("a stored run: route, status, cost, epochs and stop reason, nothing of the request", async () => {
    let created: Created | undefined;
    const lines = await logged(async () => {
      const response = await postJson("/api/train", request);
      created = (await response.json()) as Created;
    });
    expect(lines).toHaveLength(1);
    const [only] = lines;
    expect(only?.level).toBe("log");
    expect(only?.line).toEqual({
      event: "train",
      method: "POST",
      route: "/api/train",
      status: 201,
      cost: created?.result.cost,
      epochs: created?.result.epochs,
      stoppedBy: created?.result.stoppedBy,
    });
    for (const value of [secret, created?.id, created?.deleteToken, created?.result.weightsHash]) {
      expect(only?.text).not.toContain(value);
    }
  });

  it("a run that is not stored, and a CSV run", async () => {
    const lines = await logged(async () => {
      await postJson("/api/train", { ...request, persist: false });
      await call("/api/train?epochs=10&persist=false&name=S3CR3T", {
        method: "POST",
        headers: { "Content-Type": "text/csv" },
        body: "a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n",
      });
    });
    expect(lines.map(({ line }) => [line.event, line.status, line.epochs])).toEqual([
      ["train", 200, xorRequest.training.epochs],
      ["train", 200, 10],
    ]);
    expect(lines.map(({ text }) => text).join("\n")).not.toMatch(/S3CR3T/);
  });

  it("a run whose model could not be stored: one line, at error level, with the run's figures", async () => {
    vi.spyOn(env.MODELS, "put").mockRejectedValueOnce(new Error(`KV refused ${secret}`));
    const lines = await logged(() => postJson("/api/train", request));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe("error");
    expect(lines[0]?.line).toMatchObject({
      event: "failed",
      route: "/api/train",
      status: 503,
      epochs: xorRequest.training.epochs,
      stoppedBy: expect.any(String),
      cost: expect.any(Number),
      error: { name: "StorageError", at: expect.any(Array) },
    });
    expect(lines[0]?.text).not.toContain(secret);
  });
});

describe("a line per 429 and 5xx, none for other answers", () => {
  it("logs nothing for answers that went well or were the caller's mistake", async () => {
    const created = await trainStored();
    const lines = await logged(async () => {
      await call(`/api/models/${created.id}`);
      await call(`/api/models/${created.id}/predict?x=0,1`);
      await postJson("/api/train", { ...request, training: {} });
      await call("/api/nope");
      await call("/api/health");
    });
    expect(lines).toEqual([]);
  });

  it("429 at warn level, without the client's address", async () => {
    const client = { "CF-Connecting-IP": "192.0.2.99" };
    const cheap = { ...request, training: { ...xorRequest.training, epochs: 1 }, persist: false };
    for (let i = 0; i < trainLimit; i++) await postJson("/api/train", cheap, client);
    const lines = await logged(() => postJson("/api/train", cheap, client));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe("warn");
    expect(lines[0]?.line).toEqual({
      event: "refused",
      method: "POST",
      route: "/api/train",
      status: 429,
    });
    expect(lines[0]?.text).not.toContain("192.0.2.99");
  });

  it("503 on reading a model: the route's pattern, never the id", async () => {
    const created = await trainStored();
    vi.spyOn(env.MODELS, "get").mockRejectedValue(new Error("KV get failed"));
    const lines = await logged(async () => {
      await call(`/api/models/${created.id}/predict?x=0,1`);
      await call(`/api/models/${created.id}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${created.deleteToken}` },
      });
    });
    expect(lines.map(({ level, line }) => [level, line.method, line.route, line.status])).toEqual([
      ["error", "GET", "/api/models/:id/predict", 503],
      ["error", "DELETE", "/api/models/:id", 503],
    ]);
    const text = lines.map((entry) => entry.text).join("\n");
    expect(text).not.toContain(created.id);
    expect(text).not.toContain(created.deleteToken);
  });

  it("500: the error's name and frames, not its message", async () => {
    // An unexpected failure no request can cause: the document has no 500, so this one request
    // goes to the app itself rather than through the contract-checked helpers.
    vi.spyOn(crypto, "getRandomValues").mockImplementation(() => {
      throw new TypeError(`broken ${secret}`);
    });
    const lines = await logged(async () => {
      const response = await app.fetch(
        new Request("http://edge.test/api/train", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(request),
        }),
        env,
      );
      expect(response.status).toBe(500);
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe("error");
    expect(lines[0]?.line).toMatchObject({
      event: "failed",
      route: "/api/train",
      status: 500,
      error: { name: "TypeError", at: expect.any(Array) },
    });
    expect(lines[0]?.text).not.toContain(secret);
  });
});
