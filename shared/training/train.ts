// train: parse, price, refuse or run, and package the result as JSON-ready numbers.
import { defaultLimits, type Limits } from "../schemas/limits.ts";
import { modelFormat, type TrainResult } from "../schemas/model.ts";
import type { ResolvedTrainRequest, TrainRequest } from "../schemas/request.ts";
import { resolveRequest } from "../schemas/resolve.ts";
import { checkLimits, trainingCost } from "./cost.ts";
import { weightsHash } from "./hash.ts";
import { layersOf, nestedRows } from "./network.ts";
import { runTraining, type TrainingRun } from "./run.ts";

/**
 * A run made in slices (a job's steps, an observed run's snapshots): `runEpochs` is the whole
 * run's epochs, counted from epoch 0, and this call trains one slice of it. A slice that ends
 * before them goes on: as in the run made in one go, its weights are not judged over the whole
 * table (only the run's end does that), so its `loss` and `predictions` may overflow (Infinity,
 * NaN), and its state keeps what the next slice needs to go on exactly as that run does. A slice
 * whose run stops in it (target loss, divergence) or that reaches `runEpochs` is the run's end:
 * its result is the whole run's, with a model whose request says `runEpochs`. By default a run is
 * all of its own epochs.
 */
export type SliceOptions = { runEpochs?: number };

/** Whether a slice ending after `epochs` epochs goes on; throws for a run shorter than that. */
export function goesOnAfter(epochs: number, { runEpochs = epochs }: SliceOptions): boolean {
  if (!Number.isInteger(runEpochs) || runEpochs < epochs)
    throw new RangeError(`a run of ${runEpochs} epochs has no slice ending after ${epochs}`);
  return epochs < runEpochs;
}

/** A slice's run as its result: the whole run's once the run has ended in it. */
export function sliceResultOf(
  request: ResolvedTrainRequest,
  run: TrainingRun,
  cost: number,
  goesOn: boolean,
  options: SliceOptions,
): TrainResult {
  const ended = !goesOn || run.stoppedBy !== "epochs";
  const runEpochs = options.runEpochs ?? request.training.epochs;
  const whole = ended
    ? { ...request, training: { ...request.training, epochs: runEpochs } }
    : request;
  return resultOf(whole, run, cost);
}

/**
 * Trains a network on the request's table. Throws RequestError for a request the schema refuses
 * and LimitError for one over a limit, both before any training.
 */
export function train(
  request: TrainRequest,
  limits: Limits = defaultLimits,
  slice: SliceOptions = {},
): TrainResult {
  return trainResolved(resolveRequest(request), limits, slice);
}

/**
 * `train` for a request the shared schema has already parsed (an API body schema built on it, as
 * worker/train-body.ts is): the same run, without parsing the table a second time, which for 256
 * rows took about as long as an epoch. Throws LimitError for one over a limit.
 */
export function trainResolved(
  resolved: ResolvedTrainRequest,
  limits: Limits = defaultLimits,
  slice: SliceOptions = {},
): TrainResult {
  checkLimits(resolved, limits);
  const goesOn = goesOnAfter(resolved.training.epochs, slice);
  const run = runTraining(resolved, goesOn);
  return sliceResultOf(resolved, run, trainingCost(resolved), goesOn, slice);
}

/** A run as the JSON result: the model (with `request`, which says how it was trained), the rest. */
export function resultOf(
  request: ResolvedTrainRequest,
  run: TrainingRun,
  cost: number,
): TrainResult {
  const outputs = request.table.targets[0]?.length ?? 0;
  const predictions = nestedRows(run.predictions, request.table.targets.length, outputs);
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
