// A newly trained model stored under a fresh id with its own delete token: what POST /api/train
// and POST /api/models/{id}/train both answer with 201.
import type { Model } from "../shared/index.ts";
import { randomId, randomToken, sha256 } from "./ids.ts";
import { modelTtlSeconds } from "./limits.ts";
import { type RunResult, type StoredModel, saveModel } from "./store.ts";

/** Stores the model for the configured time; returns the stored record and its delete token. */
export async function storeNewModel(
  env: Env,
  model: Model,
  result: RunResult,
  parent?: string,
): Promise<StoredModel & { deleteToken: string }> {
  const id = randomId();
  const deleteToken = randomToken();
  const ttl = modelTtlSeconds(env);
  const now = Date.now();
  const stored: StoredModel = {
    id,
    model,
    result,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ttl * 1000).toISOString(),
    ...(parent === undefined ? {} : { parent }),
  };
  await saveModel(env.MODELS, stored, await sha256(deleteToken), ttl);
  return { ...stored, deleteToken };
}
