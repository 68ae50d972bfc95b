// Every endpoint's success paths, against the real KV binding.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { defaultLimits, predict, presets, train } from "../../shared/index.ts";
import { type Created, call, expectProblem, postJson, trainStored, xorRequest } from "./helpers.ts";

/** Every weight and bias, as the exact bits of each float64. */
const bitsOf = (model: Created["model"]) =>
  model.layers.flatMap((layer) =>
    [...layer.weights.flat(), ...(layer.bias ?? [])].map((x) => {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, x);
      return view.getBigUint64(0);
    }),
  );

describe("POST /api/train", () => {
  it("answers 201 with Location, id, a once-only delete token, the model and its result", async () => {
    const response = await postJson("/api/train", xorRequest);
    expect(response.status).toBe(201);
    const body = (await response.json()) as Created;
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.deleteToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers.get("Location")).toBe(`/api/models/${body.id}`);
    const local = train(xorRequest);
    expect(body.result.weightsHash).toBe(local.weightsHash);
    expect(bitsOf(body.model)).toEqual(bitsOf(local.model));
    expect(body.result.predictions).toEqual(local.predictions);
    // The token is kept only as its hash.
    const raw = await env.MODELS.get(`model:${body.id}`);
    expect(raw).not.toBeNull();
    expect(raw).not.toContain(body.deleteToken);
  });

  it("gives every model its own id", async () => {
    const [a, b] = await Promise.all([trainStored(), trainStored()]);
    expect(a.id).not.toBe(b.id);
    expect(a.deleteToken).not.toBe(b.deleteToken);
  });

  it('trains without storing when "persist" is false: 200, no id, nothing in KV', async () => {
    const before = await env.MODELS.list();
    const response = await postJson("/api/train", { ...xorRequest, persist: false });
    expect(response.status).toBe(200);
    expect(response.headers.get("Location")).toBeNull();
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["model", "result"]);
    expect((await env.MODELS.list()).keys.length).toBe(before.keys.length);
  });

  it("stores a model with the configured TTL", async () => {
    const created = await trainStored();
    const listed = await env.MODELS.list({ prefix: `model:${created.id}` });
    const expiration = listed.keys[0]?.expiration ?? 0;
    const days = (expiration * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
  });
});

describe("GET /api/models/{id}", () => {
  it("gives back bit-identical weights, with ETag and a long-lived Cache-Control", async () => {
    const created = await trainStored();
    const response = await call(`/api/models/${created.id}`);
    expect(response.status).toBe(200);
    const stored = (await response.json()) as Created;
    expect(bitsOf(stored.model)).toEqual(bitsOf(created.model));
    expect(stored.result).toEqual(created.result);
    expect(stored).not.toHaveProperty("deleteToken");
    expect(stored).not.toHaveProperty("deleteTokenHash");
    expect(response.headers.get("ETag")).toBe(`"${created.id}"`);
    const cacheControl = response.headers.get("Cache-Control") ?? "";
    expect(cacheControl).toContain("immutable");
    expect(Number(/max-age=(\d+)/.exec(cacheControl)?.[1])).toBeGreaterThan(80 * 86_400);
  });

  it("answers 304 to If-None-Match with its ETag", async () => {
    const created = await trainStored();
    const response = await call(`/api/models/${created.id}`, {
      headers: { "If-None-Match": `"${created.id}"` },
    });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe("");
    const other = await call(`/api/models/${created.id}`, {
      headers: { "If-None-Match": '"other"' },
    });
    expect(other.status).toBe(200);
  });

  it("answers 404 problem+json for an unknown or malformed id", async () => {
    await expectProblem(await call("/api/models/AAAAAAAAAAAAAAAAAAAAAA"), 404);
    await expectProblem(await call("/api/models/not-an-id"), 404);
  });
});

describe("predict", () => {
  const rows = [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
    [0.5, 0.25],
  ];

  it("POST gives exactly the core's predict", async () => {
    const created = await trainStored();
    const response = await postJson(`/api/models/${created.id}/predict`, { inputs: rows });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outputs: predict(created.model, rows) });
  });

  it("GET ?x=…&x=… gives the same as POST", async () => {
    const created = await trainStored();
    const query = rows.map((row) => `x=${row.join(",")}`).join("&");
    const response = await call(`/api/models/${created.id}/predict?${query}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outputs: predict(created.model, rows) });
  });

  it("reads KV at most once per prediction; a repeat comes from the isolate's cache", async () => {
    const created = await trainStored();
    const { vi } = await import("vitest");
    const get = vi.spyOn(env.MODELS, "get");
    await call(`/api/models/${created.id}/predict?x=0,1`);
    await postJson(`/api/models/${created.id}/predict`, { inputs: [[1, 1]] });
    expect(get).toHaveBeenCalledTimes(1);
    get.mockRestore();
  });

  it("refuses rows of the wrong width with 400 naming each row", async () => {
    const created = await trainStored();
    const post = await expectProblem(
      await postJson(`/api/models/${created.id}/predict`, {
        inputs: [
          [0, 1],
          [1, 0, 1],
        ],
      }),
      400,
    );
    expect(post.issues).toEqual([
      { path: "inputs.1", message: expect.stringContaining("takes 2") },
    ]);
    const get = await expectProblem(await call(`/api/models/${created.id}/predict?x=1`), 400);
    expect(get.issues?.[0]?.path).toBe("inputs.0");
  });

  it("refuses bad query rows and bodies with 400", async () => {
    const created = await trainStored();
    for (const query of ["", "x=", "x=1,abc", "x=1,Infinity", "x=0,1&y=2"]) {
      await expectProblem(await call(`/api/models/${created.id}/predict?${query}`), 400);
    }
    for (const body of [
      {},
      { inputs: [] },
      { inputs: [[]] },
      { inputs: [[0, "1"]] },
      '{"inputs":[[1e999,0]]}',
    ]) {
      await expectProblem(await postJson(`/api/models/${created.id}/predict`, body), 400);
    }
  });

  it("answers 404 for an unknown model", async () => {
    await expectProblem(await call("/api/models/AAAAAAAAAAAAAAAAAAAAAA/predict?x=0,1"), 404);
  });
});

describe("DELETE /api/models/{id}", () => {
  it("204 with the token, then the model is gone", async () => {
    const created = await trainStored();
    const response = await call(`/api/models/${created.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${created.deleteToken}` },
    });
    expect(response.status).toBe(204);
    await expectProblem(await call(`/api/models/${created.id}`), 404);
    expect(await env.MODELS.get(`model:${created.id}`)).toBeNull();
  });

  it("401 without a token, 403 with another model's token, 404 for an unknown id", async () => {
    const [mine, theirs] = await Promise.all([trainStored(), trainStored()]);
    const missing = await call(`/api/models/${mine.id}`, { method: "DELETE" });
    await expectProblem(missing, 401);
    expect(missing.headers.get("WWW-Authenticate")).toContain("Bearer");
    await expectProblem(
      await call(`/api/models/${mine.id}`, {
        method: "DELETE",
        headers: { Authorization: "Basic abc" },
      }),
      401,
    );
    await expectProblem(
      await call(`/api/models/${mine.id}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${theirs.deleteToken}` },
      }),
      403,
    );
    expect((await call(`/api/models/${mine.id}`)).status).toBe(200);
    await expectProblem(
      await call("/api/models/AAAAAAAAAAAAAAAAAAAAAA", {
        method: "DELETE",
        headers: { Authorization: `Bearer ${mine.deleteToken}` },
      }),
      404,
    );
  });
});

describe("presets, health, openapi", () => {
  it("lists every preset and serves each by name", async () => {
    const response = await call("/api/presets");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { presets: { name: string }[] };
    expect(body.presets.map((preset) => preset.name).sort()).toEqual(Object.keys(presets).sort());
    for (const name of Object.keys(presets)) {
      const one = await call(`/api/presets/${name}`);
      expect(one.status).toBe(200);
      expect(await one.json()).toEqual(JSON.parse(JSON.stringify(presets[name])));
    }
    await expectProblem(await call("/api/presets/nope"), 404);
    await expectProblem(await call("/api/presets/__proto__"), 404);
    await expectProblem(await call("/api/presets/toString"), 404);
  });

  it("health reports the limits in force from wrangler.toml [vars], equal to the shared defaults", async () => {
    const response = await call("/api/health");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, version: expect.any(String), modelTtlDays: 90 });
    expect(body.limits).toEqual({
      maxRows: Number(env.MAX_ROWS),
      maxInputs: Number(env.MAX_INPUTS),
      maxOutputs: Number(env.MAX_OUTPUTS),
      maxHiddenLayers: Number(env.MAX_HIDDEN_LAYERS),
      maxUnits: Number(env.MAX_UNITS),
      maxEpochs: Number(env.MAX_EPOCHS),
      maxCost: Number(env.MAX_COST),
    });
    // wrangler.toml and shared/schemas/limits.ts must not drift apart.
    expect(body.limits).toEqual(defaultLimits);
  });

  it("serves an OpenAPI 3.1 document covering every route and status", async () => {
    const response = await call("/api/openapi.json");
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.openapi).toBe("3.1.0");
    const statuses = (path: string, method: string) =>
      Object.keys(doc.paths[path]?.[method]?.responses ?? {});
    expect(statuses("/api/train", "post")).toEqual(
      expect.arrayContaining(["200", "201", "400", "405", "413", "415", "422", "429", "503"]),
    );
    expect(statuses("/api/models/{id}", "get")).toEqual(
      expect.arrayContaining(["200", "304", "404", "503"]),
    );
    expect(statuses("/api/models/{id}", "delete")).toEqual(
      expect.arrayContaining(["204", "401", "403", "404", "503"]),
    );
    expect(statuses("/api/models/{id}/predict", "get")).toEqual(
      expect.arrayContaining(["200", "400", "404"]),
    );
    expect(statuses("/api/models/{id}/predict", "post")).toEqual(
      expect.arrayContaining(["200", "400", "404", "413", "415"]),
    );
    expect(statuses("/api/models/{id}/export/{format}", "get")).toEqual(
      expect.arrayContaining(["200", "304", "404", "503"]),
    );
    for (const path of [
      "/api/presets",
      "/api/presets/{name}",
      "/api/health",
      "/api/openapi.json",
    ]) {
      expect(statuses(path, "get")).toContain("200");
    }
    const trainBody = doc.components.schemas.TrainBody?.properties ?? {};
    expect(Object.keys(trainBody)).toEqual(
      expect.arrayContaining(["table", "network", "training", "persist"]),
    );
  });
});
