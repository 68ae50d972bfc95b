// Every error status, and the known traps: each answers problem+json, small, without echoing input.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { defaultLimits, trainingCost } from "../../shared/index.ts";
import { call, expectProblem, fetchWorker, postJson, trainStored, xorRequest } from "./helpers.ts";

const withTable = (table: unknown) => ({ ...xorRequest, table });

describe("400: the request is not a valid TrainRequest", () => {
  it("refuses malformed JSON", async () => {
    const body = await expectProblem(await postJson("/api/train", '{"table": [1,'), 400);
    expect(body.detail).toMatch(/JSON/);
  });

  it("refuses Infinity written as 1e999, naming the field", async () => {
    const json = JSON.stringify(xorRequest).replace('"learningRate":0.5', '"learningRate":1e999');
    const body = await expectProblem(await postJson("/api/train", json), 400);
    expect(body.issues).toEqual([{ path: "training.learningRate", message: expect.any(String) }]);
    const table = JSON.stringify(xorRequest).replace("[[0,0],", "[[1e999,0],");
    const inTable = await expectProblem(await postJson("/api/train", table), 400);
    expect(inTable.issues?.[0]?.path).toBe("table.inputs.0.0");
  });

  it("refuses unknown keys and __proto__ (strict objects)", async () => {
    const unknown = await expectProblem(
      await postJson("/api/train", { ...xorRequest, extra: 1 }),
      400,
    );
    expect(unknown.issues).toEqual([{ path: "extra", message: "unknown field" }]);
    const proto = JSON.stringify(xorRequest).replace(
      '"training":{',
      '"training":{"__proto__":{"x":1},',
    );
    const body = await expectProblem(await postJson("/api/train", proto), 400);
    expect(body.issues?.[0]?.path).toBe("training.__proto__");
    const top = `{"__proto__":{"persist":false},${JSON.stringify(xorRequest).slice(1)}`;
    expect((await expectProblem(await postJson("/api/train", top), 400)).issues?.[0]?.path).toBe(
      "__proto__",
    );
  });

  it("refuses ragged, empty and mismatched tables", async () => {
    const ragged = await expectProblem(
      await postJson("/api/train", withTable({ inputs: [[0, 0], [1]], targets: [[0], [1]] })),
      400,
    );
    expect(ragged.issues?.[0]?.path).toBe("table.inputs.1");
    await expectProblem(await postJson("/api/train", withTable({ inputs: [], targets: [] })), 400);
    await expectProblem(
      await postJson("/api/train", withTable({ inputs: [[0]], targets: [[0], [1]] })),
      400,
    );
  });

  it("refuses a persist that is not a boolean", async () => {
    const body = await expectProblem(
      await postJson("/api/train", { ...xorRequest, persist: "no" }),
      400,
    );
    expect(body.issues).toEqual([{ path: "persist", message: "invalid type: expected boolean" }]);
  });

  it("lists only paths and messages, never the input, in at most 2 KiB", async () => {
    const secret = "S3CR3T-VALUE-THAT-MUST-NOT-COME-BACK";
    const rows = Array.from({ length: 200 }, () => [secret, secret]);
    const response = await postJson("/api/train", {
      ...withTable({ inputs: rows, targets: rows }),
      network: { hidden: [{ units: secret, activation: secret }], output: secret },
      training: { epochs: secret, learningRate: secret },
    });
    const text = await response.clone().text();
    const body = await expectProblem(response, 400);
    expect(text).not.toContain(secret);
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(2048);
    for (const issue of body.issues ?? [])
      expect(Object.keys(issue).sort()).toEqual(["message", "path"]);
    expect(body.detail).toMatch(/fields are invalid/);
  });

  it("stays within 2 KiB of UTF-8 and cuts no character in half, in any script", async () => {
    // Unknown query keys come back as paths: long ones, in a script of 3 bytes a character.
    const key = (n: number) => `${"重".repeat(60)}${n}😀`.repeat(2);
    const query = Array.from({ length: 12 }, (_, n) => `${encodeURIComponent(key(n))}=1`).join("&");
    for (const response of [
      await call(`/api/train?${query}`, {
        method: "POST",
        headers: { "Content-Type": "text/csv" },
        body: "a,y\n0,1\n1,0\n",
      }),
      await call(`/api/models/${"A".repeat(22)}/predict?${query}&x=1`),
    ]) {
      const bytes = new Uint8Array(await response.clone().arrayBuffer());
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(bytes.length).toBeLessThanOrEqual(2048);
      const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
      // JSON.stringify writes half a character (a lone surrogate) as a \udXXX escape.
      expect(JSON.stringify(JSON.parse(text))).not.toMatch(/\\ud[89a-f]/i);
    }
  });
});

describe("wrong method, route, type or size", () => {
  it("405 with Allow for a known path and a wrong method", async () => {
    const response = await call("/api/train", { method: "GET" });
    await expectProblem(response, 405);
    expect(response.headers.get("Allow")).toBe("POST");
    const models = await call("/api/models/AAAAAAAAAAAAAAAAAAAAAA", { method: "PUT" });
    await expectProblem(models, 405);
    expect(models.headers.get("Allow")?.split(", ").sort()).toEqual(["DELETE", "GET", "HEAD"]);
    const health = await call("/api/health", { method: "POST", body: "{}" });
    await expectProblem(health, 405);
  });

  it("404 problem+json, never HTML, for any unknown /api path", async () => {
    for (const path of [
      "/api",
      "/api/",
      "/api/nope",
      "/api/models",
      "/api/models/x/y/z",
      "/api/train/extra",
    ]) {
      await expectProblem(await call(path), 404);
    }
  });

  it("415 for a body that is not JSON (or CSV for training), before validating", async () => {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "",
    ]) {
      const headers: Record<string, string> = type ? { "Content-Type": type } : {};
      const response = await call("/api/train", {
        method: "POST",
        headers,
        body: JSON.stringify(xorRequest),
      });
      await expectProblem(response, 415);
    }
    const created = await trainStored();
    const predict = await call(`/api/models/${created.id}/predict`, {
      method: "POST",
      headers: { "Content-Type": "text/csv" },
      body: "0,1",
    });
    await expectProblem(predict, 415);
  });

  it("413 over 64 KiB, with a Content-Length or streamed without one", async () => {
    const big = JSON.stringify({ ...xorRequest, name: "x".repeat(70_000) });
    await expectProblem(await postJson("/api/train", big), 413);
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
        controller.close();
      },
    });
    const request = new Request("http://edge.test/api/train", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: stream,
    });
    expect(request.headers.get("Content-Length")).toBeNull();
    await expectProblem(await fetchWorker(request), 413);
  });
});

describe("422: valid, but over a limit", () => {
  it("names the figure and the limit", async () => {
    const request = { ...xorRequest, training: { ...xorRequest.training, epochs: 100_000 } };
    const response = await postJson("/api/train", {
      ...request,
      network: {
        hidden: [
          { units: 64, activation: "tanh" },
          { units: 64, activation: "tanh" },
        ],
        output: "sigmoid",
      },
    });
    const body = await expectProblem(response, 422);
    expect(body).toMatchObject({ limit: "maxCost", allowed: defaultLimits.maxCost, path: "" });
    expect(body.figure).toBeGreaterThan(defaultLimits.maxCost);
    expect(body.detail).toMatch(/^multiply-adds \d(\.\d+)?e\d+ > \d(\.\d+)?e\d+/);
  });

  it("names the field for a structural limit", async () => {
    const units = defaultLimits.maxUnits + 1;
    const body = await expectProblem(
      await postJson("/api/train", {
        ...xorRequest,
        network: { hidden: [{ units, activation: "tanh" }], output: "sigmoid" },
        training: { ...xorRequest.training, epochs: 1 },
      }),
      422,
    );
    expect(body).toMatchObject({
      limit: "maxUnits",
      figure: units,
      path: "network.hidden.0.units",
      issues: [{ path: "network.hidden.0.units", message: `units ${units} > 64` }],
    });
    expect(trainingCost(xorRequest)).toBeLessThan(defaultLimits.maxCost);
  });
});

describe("503: KV fails", () => {
  it("a failed put acknowledges nothing: 503, Retry-After, no id, no token", async () => {
    const before = (await env.MODELS.list()).keys.length;
    vi.spyOn(env.MODELS, "put").mockRejectedValueOnce(
      new Error("KV put failed: 429 Too Many Requests"),
    );
    const response = await postJson("/api/train", xorRequest);
    const text = await response.clone().text();
    const body = await expectProblem(response, 503);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(response.headers.get("Location")).toBeNull();
    expect(body).not.toHaveProperty("id");
    expect(text).not.toMatch(/deleteToken|[A-Za-z0-9_-]{22}"/);
    expect((await env.MODELS.list()).keys.length).toBe(before);
  });

  it("a failed get is a 503 too, for reading, predicting and deleting", async () => {
    const created = await trainStored();
    const spy = vi.spyOn(env.MODELS, "get").mockRejectedValue(new Error("KV get failed"));
    await expectProblem(await call(`/api/models/${created.id}`), 503);
    await expectProblem(await call(`/api/models/${created.id}/predict?x=0,1`), 503);
    await expectProblem(
      await call(`/api/models/${created.id}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${created.deleteToken}` },
      }),
      503,
    );
    spy.mockRestore();
    vi.spyOn(env.MODELS, "delete").mockRejectedValueOnce(new Error("KV delete failed"));
    const failed = await call(`/api/models/${created.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${created.deleteToken}` },
    });
    await expectProblem(failed, 503);
    expect((await call(`/api/models/${created.id}`)).status).toBe(200);
  });
});

describe("headers", () => {
  it("opens CORS on the API without credentials and answers preflights", async () => {
    const response = await call("/api/health", {
      headers: { Origin: "https://elsewhere.example" },
    });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Credentials")).toBeNull();
    const preflight = await call("/api/train", {
      method: "OPTIONS",
      headers: {
        Origin: "https://elsewhere.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toContain("POST");
  });

  it("sets security headers on answers and errors", async () => {
    for (const response of [await call("/api/health"), await call("/api/nope")]) {
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
      expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
    }
  });
});
