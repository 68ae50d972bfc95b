// The isolate's cache of stored models in front of KV: what it saves, and that it never serves a
// model this isolate deleted, nor one older than a minute or past its expiry.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { train } from "../../shared/index.ts";
import { randomId } from "../../worker/ids.ts";
import { createModelCache } from "../../worker/model-cache.ts";
import type { LoadedModel } from "../../worker/store.ts";
import { call, expectProblem, postJson, trainStored, xorRequest } from "./helpers.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe("through the API", () => {
  it("reads KV at most once per request, and not at all once the model is cached", async () => {
    const created = await trainStored();
    const get = vi.spyOn(env.MODELS, "get");
    expect((await call(`/api/models/${created.id}`)).status).toBe(200);
    expect(get).toHaveBeenCalledTimes(1);
    expect((await call(`/api/models/${created.id}/predict?x=0,1`)).status).toBe(200);
    expect((await postJson(`/api/models/${created.id}/predict`, { inputs: [[1, 0]] })).status).toBe(
      200,
    );
    expect((await call(`/api/models/${created.id}`)).status).toBe(200);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it("answers a cached model the same as KV's, even while KV fails", async () => {
    const created = await trainStored();
    const fromKv = await (await call(`/api/models/${created.id}`)).json();
    const predicted = await (await call(`/api/models/${created.id}/predict?x=0,1&x=1,1`)).json();
    vi.spyOn(env.MODELS, "get").mockRejectedValue(new Error("KV get failed"));
    expect(await (await call(`/api/models/${created.id}`)).json()).toEqual(fromKv);
    expect(await (await call(`/api/models/${created.id}/predict?x=0,1&x=1,1`)).json()).toEqual(
      predicted,
    );
  });

  it("never serves a model deleted through this isolate", async () => {
    const created = await trainStored();
    expect((await call(`/api/models/${created.id}/predict?x=0,1`)).status).toBe(200);
    const deleted = await call(`/api/models/${created.id}`, {
      method: "DELETE",
      headers: bearer(created.deleteToken),
    });
    expect(deleted.status).toBe(204);
    await expectProblem(await call(`/api/models/${created.id}/predict?x=0,1`), 404);
    await expectProblem(
      await postJson(`/api/models/${created.id}/predict`, { inputs: [[0, 1]] }),
      404,
    );
    await expectProblem(await call(`/api/models/${created.id}`), 404);
  });

  it("DELETE checks the token against KV, not the cache, and a miss there drops the copy", async () => {
    const created = await trainStored();
    expect((await call(`/api/models/${created.id}`)).status).toBe(200);
    // Deleted from KV directly, as another location's DELETE would be.
    await env.MODELS.delete(`model:${created.id}`);
    const get = vi.spyOn(env.MODELS, "get");
    const response = await call(`/api/models/${created.id}`, {
      method: "DELETE",
      headers: bearer(created.deleteToken),
    });
    await expectProblem(response, 404);
    expect(get).toHaveBeenCalledTimes(1);
    await expectProblem(await call(`/api/models/${created.id}`), 404);
    expect(get).toHaveBeenCalledTimes(2);
  });

  it("after a failed delete, asks KV again and still serves the model", async () => {
    const created = await trainStored();
    expect((await call(`/api/models/${created.id}`)).status).toBe(200);
    vi.spyOn(env.MODELS, "delete").mockRejectedValueOnce(new Error("KV delete failed"));
    const failed = await call(`/api/models/${created.id}`, {
      method: "DELETE",
      headers: bearer(created.deleteToken),
    });
    await expectProblem(failed, 503);
    const get = vi.spyOn(env.MODELS, "get");
    expect((await call(`/api/models/${created.id}/predict?x=0,1`)).status).toBe(200);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it("does not cache a missing id: a model stored afterwards is found", async () => {
    const missing = randomId();
    await expectProblem(await call(`/api/models/${missing}/predict?x=0,1`), 404);
    const created = await trainStored();
    const record = await env.MODELS.get(`model:${created.id}`, "text");
    await env.MODELS.put(`model:${missing}`, (record ?? "").replaceAll(created.id, missing));
    expect((await call(`/api/models/${missing}/predict?x=0,1`)).status).toBe(200);
  });
});

describe("createModelCache", () => {
  const minute = 60_000;
  const { model, ...result } = train(xorRequest);
  const loaded = (id: string, expiresAt = "2999-01-01T00:00:00.000Z"): LoadedModel => ({
    stored: { id, model, result, createdAt: "2026-01-01T00:00:00.000Z", expiresAt },
    deleteTokenHash: "hash",
  });
  const options = { maxEntries: 3, maxBytes: 1000, maxAgeMs: minute };

  it("keeps an entry for at most maxAgeMs", () => {
    const cache = createModelCache(options);
    cache.set("a", loaded("a"), 100, 0);
    expect(cache.get("a", minute - 1)).toEqual(loaded("a"));
    expect(cache.get("a", minute)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("never keeps a model past its own expiry", () => {
    const cache = createModelCache(options);
    const now = Date.parse("2026-06-01T00:00:00.000Z");
    cache.set("soon", loaded("soon", new Date(now + 1000).toISOString()), 100, now);
    expect(cache.get("soon", now + 999)).toBeDefined();
    expect(cache.get("soon", now + 1000)).toBeUndefined();
    cache.set("gone", loaded("gone", new Date(now - 1).toISOString()), 100, now);
    expect(cache.get("gone", now)).toBeUndefined();
  });

  it("holds at most maxEntries, dropping the least recently used", () => {
    const cache = createModelCache(options);
    for (const id of ["a", "b", "c"]) cache.set(id, loaded(id), 10, 0);
    cache.get("a", 1);
    cache.set("d", loaded("d"), 10, 2);
    expect(cache.size).toBe(3);
    expect(cache.get("b", 3)).toBeUndefined();
    for (const id of ["a", "c", "d"]) expect(cache.get(id, 3)).toBeDefined();
  });

  it("holds at most maxBytes, and never a model larger than that", () => {
    const cache = createModelCache(options);
    cache.set("a", loaded("a"), 600, 0);
    cache.set("b", loaded("b"), 600, 0);
    expect(cache.get("a", 1)).toBeUndefined();
    expect(cache.get("b", 1)).toBeDefined();
    cache.set("huge", loaded("huge"), 1001, 0);
    expect(cache.get("huge", 1)).toBeUndefined();
    expect(cache.get("b", 1)).toBeDefined();
  });

  it("forgets on demand", () => {
    const cache = createModelCache(options);
    cache.set("a", loaded("a"), 100, 0);
    cache.forget("a");
    cache.forget("never-held");
    expect(cache.get("a", 1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
