// train: parse, price, refuse or run, and package the result as JSON-ready numbers.

import { defaultLimits, type Limits } from "../schemas/limits.ts";
import { modelFormat, type TrainResult } from "../schemas/model.ts";
import type { TrainRequest } from "../schemas/request.ts";
import { resolveRequest } from "../schemas/resolve.ts";
import { checkLimits, trainingCost } from "./cost.ts";
import { weightsHash } from "./hash.ts";
import { layersOf } from "./network.ts";
import { runTraining } from "./run.ts";

/**
 * Trains a network on the request's table. Throws RequestError for a request the schema refuses
 * and LimitError for one over a limit, both before any training.
 */
export function train(request: TrainRequest, limits: Limits = defaultLimits): TrainResult {
  const resolved = resolveRequest(request);
  checkLimits(resolved, limits);
  const run = runTraining(resolved);
  const outputs = resolved.table.targets[0]?.length ?? 0;
  const predictions = resolved.table.targets.map((_, r) =>
    Array.from(run.predictions.subarray(r * outputs, (r + 1) * outputs)),
  );
  const layers = layersOf(run.network);
  return {
    model: { format: modelFormat, request: resolved, layers },
    loss: run.loss,
    accuracy: accuracy(predictions, resolved.table.targets),
    epochs: run.epochs,
    stoppedBy: run.stoppedBy,
    history: run.history,
    predictions,
    cost: trainingCost(resolved),
    weightsHash: weightsHash(layers),
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
