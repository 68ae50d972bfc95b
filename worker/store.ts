// Models in KV: one key per id, written once, read once per request, never listed.
import type { Model, TrainResult } from "../shared/index.ts";

/** A training run's figures without its model (the model travels beside it). */
export type RunResult = Omit<TrainResult, "model">;

/** What GET /api/models/{id} answers. */
export type StoredModel = {
  id: string;
  model: Model;
  result: RunResult;
  createdAt: string;
  expiresAt: string;
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

/** The model and its token hash, or null when there is none under this id. */
export async function loadModel(
  kv: KVNamespace,
  id: string,
): Promise<{ stored: StoredModel; deleteTokenHash: string } | null> {
  let record: Record | null;
  try {
    record = await kv.get<Record>(key(id), "json");
  } catch (error) {
    throw new StorageError("get", error);
  }
  if (record === null) return null;
  const { deleteTokenHash, ...stored } = record;
  return { stored, deleteTokenHash };
}

export async function removeModel(kv: KVNamespace, id: string): Promise<void> {
  try {
    await kv.delete(key(id));
  } catch (error) {
    throw new StorageError("delete", error);
  }
}
