// A stored model to go on from (POST /api/models/{id}/train, a job with `from`): it must exist and
// carry the training state, and its run must have ended on its epochs, not on a target or a
// divergence (going on from there would not be the run it claims to continue).
import type { Context } from "hono";
import type { Model, TrainingState } from "../shared/index.ts";
import type { AppEnv } from "./app-env.ts";
import { idPattern } from "./ids.ts";
import { problem, problemResponse } from "./problem.ts";
import { loadModelCached, type StoredModel } from "./store.ts";

export type Parent = { stored: StoredModel; model: Model; state: TrainingState };

/** The parent, or the problem response to answer instead (404, 409). */
export async function findParent<E extends AppEnv>(
  c: Context<E>,
  id: string,
  path = "",
): Promise<{ parent: Parent } | { refused: Response }> {
  const found = idPattern.test(id) ? await loadModelCached(c.env.MODELS, id) : null;
  if (!found) {
    return {
      refused: problemResponse(
        c,
        problem(404, "there is no model with this id (it may have expired or been deleted)", {
          ...(path ? { path } : {}),
        }),
      ),
    };
  }
  const { stored } = found;
  const state = stored.result.state as TrainingState | undefined;
  if (!state) {
    return {
      refused: problemResponse(
        c,
        problem(
          409,
          "this model was stored before models kept their training state, so it cannot go on exactly; train it again with POST /api/train",
        ),
      ),
    };
  }
  if (stored.result.stoppedBy !== "epochs") {
    const why = stored.result.stoppedBy === "target-loss" ? "reached its target loss" : "diverged";
    return {
      refused: problemResponse(
        c,
        problem(
          409,
          `this model's run ${why} before its last epoch, so there is no run to go on with; train a new one with other settings`,
        ),
      ),
    };
  }
  return { parent: { stored, model: stored.model, state } };
}
