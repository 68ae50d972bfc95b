// Watching a run: the weights `train(request)` has after every `every` epochs, from the seeded
// init (epoch 0) to the end. Each slice is the same training loop, resumed where the last one
// stopped (`resume`), so the last snapshot is `train(request)` itself, bit for bit.

import { defaultLimits, type Limits } from "../schemas/limits.ts";
import type { Model, TrainResult } from "../schemas/model.ts";
import type { TrainRequest } from "../schemas/request.ts";
import { resolveRequest } from "../schemas/resolve.ts";
import { evaluate } from "./evaluate.ts";
import { initialModel } from "./initial-model.ts";
import { resume } from "./resume.ts";
import { train } from "./train.ts";

export type Snapshot = {
  /** Epochs done. */
  epoch: number;
  model: Model;
  /** Loss of these weights over the whole table, as `train` reports a run's final loss. */
  loss: number;
  /** What `train` reports for the run stopped here; absent at epoch 0. */
  result?: TrainResult;
  /** The run ends here: every epoch ran, or it stopped on the target loss or on divergence. */
  last: boolean;
};

const withEpochs = (request: TrainRequest, epochs: number): TrainRequest => ({
  ...request,
  training: { ...request.training, epochs },
});

/**
 * The run of `request` after `epochs` epochs (at most the request's own): resumed from `from`, an
 * earlier point of the same run that went on, or else trained from epoch 0. Either way the same
 * loop and the same bits (resume's promise).
 */
export function trainedTo(
  request: TrainRequest,
  epochs: number,
  from?: TrainResult,
  limits: Limits = defaultLimits,
): TrainResult {
  if (from && from.epochs === epochs) return from;
  if (from && from.epochs < epochs && from.stoppedBy === "epochs") {
    return resume(from.model, from.state, epochs - from.epochs, limits);
  }
  return train(withEpochs(request, epochs), limits);
}

/** Snapshots every `every` epochs (and at the last epoch); the first is epoch 0. */
export function* observeRun(
  request: TrainRequest,
  every: number,
  limits: Limits = defaultLimits,
): Generator<Snapshot, void, undefined> {
  const total = resolveRequest(request).training.epochs;
  const start = initialModel(request, limits);
  yield { epoch: 0, model: start, loss: evaluate(start).loss, last: false };
  const stride = Math.max(1, Math.floor(every));
  let result: TrainResult | undefined;
  let done = 0;
  while (done < total) {
    const next = Math.min(total, done + stride);
    result = trainedTo(request, next, result, limits);
    const stopped = result.epochs < next || result.stoppedBy !== "epochs";
    done = result.epochs;
    yield {
      epoch: done,
      model: result.model,
      loss: result.loss,
      result,
      last: stopped || done >= total,
    };
    if (stopped) return;
  }
}
