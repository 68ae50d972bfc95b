// DEVELOPMENT SHIM — NEVER LAND. Stands in for issue 8 Part A (kernels helper) until it is on main:
// resume by training the whole run again from epoch 0 (same bits, more CPU). Same exports as the
// agreed contract so the worker compiles unchanged against the real core.
import * as v from "valibot";
import { defaultLimits, type Limits } from "../schemas/limits.ts";
import {
  type TrainResult as BaseResult,
  TrainResultSchema as BaseResultSchema,
  type Model,
  stopReasons,
} from "../schemas/model.ts";
import type { TrainRequest } from "../schemas/request.ts";
import { resolveRequest } from "../schemas/resolve.ts";
import { checkLimits } from "./cost.ts";
import { train as baseTrain } from "./train.ts";

export const trainingStateFormat = "backprop-edge/state@1";
export const TrainingStateSchema = v.strictObject({
  format: v.literal(trainingStateFormat),
  epochs: v.number(),
  stoppedBy: v.picklist(stopReasons),
});
export type TrainingState = v.InferOutput<typeof TrainingStateSchema>;
export type TrainResult = BaseResult & { state: TrainingState };
export const TrainResultSchema = v.strictObject({
  ...BaseResultSchema.entries,
  state: TrainingStateSchema,
});

export class ResumeError extends Error {}

export function train(request: TrainRequest, limits: Limits = defaultLimits): TrainResult {
  const result = baseTrain(request, limits);
  return {
    ...result,
    state: { format: trainingStateFormat, epochs: result.epochs, stoppedBy: result.stoppedBy },
  };
}

export function resume(
  model: Model,
  state: TrainingState,
  epochs: number,
  limits: Limits = defaultLimits,
): TrainResult {
  if (state.stoppedBy !== "epochs") throw new ResumeError(`the run stopped on ${state.stoppedBy}`);
  const slice = { ...model.request, training: { ...model.request.training, epochs } };
  checkLimits(resolveRequest(slice), limits);
  const total = {
    ...model.request,
    training: { ...model.request.training, epochs: state.epochs + epochs },
  };
  return train(total, {
    ...limits,
    maxCost: Number.POSITIVE_INFINITY,
    maxEpochs: Number.POSITIVE_INFINITY,
  });
}
