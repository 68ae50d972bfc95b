// train: parse, price, refuse or run, and package the result as JSON-ready numbers.
import { defaultLimits, type Limits } from "../schemas/limits.ts";
import { modelFormat, type TrainResult } from "../schemas/model.ts";
import type { ResolvedTrainRequest, TrainRequest } from "../schemas/request.ts";
import { resolveRequest } from "../schemas/resolve.ts";
import { checkLimits, trainingCost } from "./cost.ts";
import { weightsHash } from "./hash.ts";
import { layersOf } from "./network.ts";
import { runTraining, type TrainingRun } from "./run.ts";

/**
 * Trains a network on the request's table. Throws RequestError for a request the schema refuses
 * and LimitError for one over a limit, both before any training.
 */
export function train(request: TrainRequest, limits: Limits = defaultLimits): TrainResult {
  const resolved = resolveRequest(request);
  checkLimits(resolved, limits);
  return resultOf(resolved, runTraining(resolved), trainingCost(resolved));
}

/** A run as the JSON result: the model (with `request`, which says how it was trained), the rest. */
export function resultOf(
  request: ResolvedTrainRequest,
  run: TrainingRun,
  cost: number,
): TrainResult {
  const outputs = request.table.targets[0]?.length ?? 0;
  const predictions = request.table.targets.map((_, r) =>
    Array.from(run.predictions.subarray(r * outputs, (r + 1) * outputs)),
  );
  const layers = layersOf(run.network);
  return {
    model: { format: modelFormat, request, layers },
    loss: run.loss,
    accuracy: accuracy(predictions, request.table.targets),
    epochs: run.epochs,
    stoppedBy: run.stoppedBy,
    history: run.history,
    predictions,
    cost,
    weightsHash: weightsHash(layers),
    state: run.state,
  };
}

/** Share of rows whose every output, cut at 0.5, is on the same side as its target. */
export function accuracy(predictions: readonly number[][], targets: readonly number[][]): number {
  let right = 0;
  targets.forEach((row, r) => {
    if (row.every((target, c) => (predictions[r]?.[c] ?? Number.NaN) >= 0.5 === target >= 0.5))
      right++;
  });
  return targets.length === 0 ? 0 : right / targets.length;
}
