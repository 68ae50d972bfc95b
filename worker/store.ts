// Models in KV: one key per id, written once, read at most once per request, never listed.
import type { Model, TrainResult } from "../shared/index.ts";
import { createModelCache } from "./model-cache.ts";

/** A training run's figures without its model (the model travels beside it). */
export type RunResult = Omit<TrainResult, "model">;

/** What GET /api/models/{id} answers. */
export type StoredModel = {
  id: string;
  model: Model;
  result: RunResult;
  createdAt: string;
  expiresAt: string;
  /** The model this one was trained on from (POST /api/models/{id}/train, a job with `from`). */
  parent?: string;
};

type Record = StoredModel & { deleteTokenHash: string };

/** KV refused or failed: the caller answers 503 and acknowledges nothing. */
export class StorageError extends Error {
  constructor(operation: string, cause: unknown) {
    super(`KV ${operation} failed`, { cause });
    this.name = "StorageError";
  }
}

const key = (id: string) => `model:${id}`;

export async function saveModel(
  kv: KVNamespace,
  stored: StoredModel,
  deleteTokenHash: string,
  ttlSeconds: number,
): Promise<void> {
  const record: Record = { ...stored, deleteTokenHash };
  try {
    await kv.put(key(stored.id), JSON.stringify(record), { expirationTtl: ttlSeconds });
  } catch (error) {
    throw new StorageError("put", error);
  }
}

/** A stored model and the hash of its delete token, as one KV record holds them. */
export type LoadedModel = { stored: StoredModel; deleteTokenHash: string };

/** This isolate's cache: module state lives as long as the isolate, across requests. */
const modelCache = createModelCache<LoadedModel>();

/** The record under this id straight from KV, and its size; null when there is none. */
async function readRecord(
  kv: KVNamespace,
  id: string,
): Promise<{ loaded: LoadedModel; bytes: number } | null> {
  try {
    const text = await kv.get(key(id), "text");
    if (text === null) return null;
    const { deleteTokenHash, ...stored } = JSON.parse(text) as Record;
    return { loaded: { stored, deleteTokenHash }, bytes: text.length };
  } catch (error) {
    throw new StorageError("get", error);
  }
}

/** The model as KV has it now (for DELETE), or null when there is none under this id. */
export async function loadModel(kv: KVNamespace, id: string): Promise<LoadedModel | null> {
  const found = await readRecord(kv, id);
  if (!found) modelCache.forget(id);
  return found?.loaded ?? null;
}

/**
 * The model for reading and predicting: from this isolate's cache when it holds it (no KV read),
 * else from KV, once, and kept. See model-cache.ts for why a cached copy is as fresh as KV's.
 */
export async function loadModelCached(kv: KVNamespace, id: string): Promise<LoadedModel | null> {
  const now = Date.now();
  const cached = modelCache.get(id, now);
  if (cached) return cached;
  const found = await readRecord(kv, id);
  if (!found) return null;
  modelCache.set(id, found.loaded, found.bytes, now);
  return found.loaded;
}

export async function removeModel(kv: KVNamespace, id: string): Promise<void> {
  // Dropped first: after a delete, even a failed one, this isolate asks KV again.
  modelCache.forget(id);
  try {
    await kv.delete(key(id));
  } catch (error) {
    throw new StorageError("delete", error);
  }
}
