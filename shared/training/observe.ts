// Watching a run: the weights `train(request)` has after every `every` epochs, from the seeded
// init (epoch 0) to the end, and its weights at any epoch or mini-batch between. The request is
// checked once; then the one training loop (`trainEpochs`) runs on one setup, stopped at each
// snapshot and started again where it stopped, so every snapshot is the one-go run at that epoch
// and the last is `train(request)` itself, bit for bit.

import { reduceLoss } from "../kernels/loss.ts";
import { defaultLimits, type Limits } from "../schemas/limits.ts";
import { type Model, modelFormat, type TrainResult } from "../schemas/model.ts";
import type { ResolvedTrainRequest, TrainRequest } from "../schemas/request.ts";
import { resolveRequest } from "../schemas/resolve.ts";
import type { TrainingState } from "../schemas/state.ts";
import { checkLimits, trainingCost } from "./cost.ts";
import { forward, forwardPass } from "./forward.ts";
import { trainEpochs } from "./loop.ts";
import { layersOf, networkFromModel } from "./network.ts";
import { resume } from "./resume.ts";
import { endOfRun } from "./run.ts";
import { freshSetup, resumedSetup, type Setup, stateOf } from "./setup.ts";
import { resultOf, train } from "./train.ts";

export type Snapshot = {
  /** Epochs done. */
  epoch: number;
  model: Model;
  /**
   * Loss of these weights over the whole table, as `train` reports a run's final loss. Before the
   * run's end it is not judged: a diverging run's may overflow (Infinity, NaN).
   */
  loss: number;
  /** What `train(request)` reports: on the last snapshot only. */
  result?: TrainResult;
  /** Where `WatchedRun.at` can go on from, on every `checkpointEvery`-th snapshot. */
  checkpoint?: Checkpoint;
  /** The run ends here: every epoch ran, or it stopped on the target loss or on divergence. */
  last: boolean;
};

/** The run's weights at one point: `epoch` epochs done, then `batch` updates of the next. */
export type RunPoint = {
  epoch: number;
  batch: number;
  model: Model;
  /** Loss of these weights over the whole table. */
  loss: number;
  /** The run ends here (the point asked for is at or past its end). */
  last: boolean;
};

/** A point of a watched run to go on from: its weights and training state, copied. */
export class Checkpoint {
  readonly epoch: number;
  readonly model: Model;
  readonly state: TrainingState;
  constructor(epoch: number, model: Model, state: TrainingState) {
    this.epoch = epoch;
    this.model = model;
    this.state = state;
  }
}

export type WatchedRun = {
  request: ResolvedTrainRequest;
  /** Updates per epoch: 1 when the whole table is one batch. */
  batches: number;
  /** Snapshots every `every` epochs (and at the last epoch); the first is epoch 0. */
  snapshots(every: number, checkpointEvery?: number): Generator<Snapshot, void, undefined>;
  /**
   * The weights after `epoch` epochs and `batch` (0 … batches − 1) updates of the next, trained
   * from `from` (a checkpoint of this run at or before that point) or from the seed; the run's
   * end when the point is at or past it.
   */
  at(epoch: number, batch?: number, from?: Checkpoint): RunPoint;
};

/** Checks `request` (RequestError, LimitError) and makes it ready to watch. */
export function watchRun(request: TrainRequest, limits: Limits = defaultLimits): WatchedRun {
  const resolved = resolveRequest(request);
  checkLimits(resolved, limits);
  const cost = trainingCost(resolved);
  const total = resolved.training.epochs;
  const rows = resolved.table.inputs.length;
  const batches = Math.ceil(rows / Math.min(resolved.training.batchSize, rows));

  /** Reads a setup's weights as they are now: the model, and its loss over the whole table. */
  const reader = (setup: Setup) => {
    const pass = forwardPass(setup.network, setup.inputs, setup.rows);
    const lossTerms = setup.rows * setup.network.outputs;
    return {
      model: (): Model => ({
        format: modelFormat,
        request: resolved,
        layers: layersOf(setup.network),
      }),
      loss: () =>
        reduceLoss(setup.loss, forward(pass, setup.rows, setup.targets, setup.loss), lossTerms),
    };
  };

  function* snapshots(every: number, checkpointEvery = 0): Generator<Snapshot, void, undefined> {
    const setup = freshSetup(resolved);
    const read = reader(setup);
    yield { epoch: 0, model: read.model(), loss: read.loss(), last: false };
    const stride = Math.max(1, Math.floor(every));
    for (let count = 1; ; count++) {
      setup.lastEpoch = Math.min(total, setup.epoch + stride);
      const outcome = trainEpochs(setup);
      if (outcome.stoppedBy !== "epochs" || setup.epoch >= total) {
        const result = resultOf(resolved, endOfRun(resolved, setup, outcome), cost);
        yield { epoch: result.epochs, model: result.model, loss: result.loss, result, last: true };
        return;
      }
      const snapshot: Snapshot = {
        epoch: setup.epoch,
        model: read.model(),
        loss: read.loss(),
        last: false,
      };
      if (checkpointEvery > 0 && count % checkpointEvery === 0) {
        const state = stateOf(setup, setup.epoch, "epochs");
        snapshot.checkpoint = new Checkpoint(setup.epoch, snapshot.model, state);
      }
      yield snapshot;
    }
  }

  function trainTo(epoch: number, batch: number, from: Checkpoint | undefined): RunPoint {
    const setup = from
      ? resumedSetup(resolved, networkFromModel(from.model), from.state, 0)
      : freshSetup(resolved);
    setup.lastEpoch = batch > 0 ? epoch + 1 : epoch;
    if (batch > 0) setup.updateLimit = (epoch - setup.firstEpoch) * batches + batch;
    const outcome = trainEpochs(setup);
    const reached =
      outcome.stoppedBy === "epochs" && (batch === 0 || outcome.updates === setup.updateLimit);
    if (reached && !(batch === 0 && epoch === total)) {
      const read = reader(setup);
      return { epoch, batch, model: read.model(), loss: read.loss(), last: false };
    }
    if (from) {
      // A resumed setup cannot undo the update before it, as the one-go run would if it
      // diverged right there: an end is always found from the seed.
      return trainTo(epoch, batch, undefined);
    }
    const run = endOfRun(resolved, setup, outcome);
    const model: Model = { format: modelFormat, request: resolved, layers: layersOf(run.network) };
    return { epoch: run.epochs, batch: 0, model, loss: run.loss, last: true };
  }

  return {
    request: resolved,
    batches,
    snapshots,
    at(epoch, batch = 0, from) {
      const whole = Math.max(0, Math.min(total, Math.floor(epoch)));
      const part = whole === total ? 0 : Math.max(0, Math.min(batches - 1, Math.floor(batch)));
      const start = from && from.epoch <= whole ? from : undefined;
      return trainTo(whole, part, start);
    },
  };
}

/** Snapshots every `every` epochs (and at the last epoch); the first is epoch 0. */
export function observeRun(
  request: TrainRequest,
  every: number,
  limits: Limits = defaultLimits,
): Generator<Snapshot, void, undefined> {
  return watchRun(request, limits).snapshots(every);
}

const withEpochs = (request: TrainRequest, epochs: number): TrainRequest => ({
  ...request,
  training: { ...request.training, epochs },
});

/**
 * The run of `request` after `epochs` epochs (at most the request's own): resumed from `from`, an
 * earlier point of the same run that went on, or else trained from epoch 0. Either way the same
 * loop and the same bits (resume's promise). Before the request's last epoch the run goes on, so
 * its weights there are the loop's, not judged as the run's end judges them (SliceOptions).
 */
export function trainedTo(
  request: TrainRequest,
  epochs: number,
  from?: TrainResult,
  limits: Limits = defaultLimits,
): TrainResult {
  if (from && from.epochs === epochs) return from;
  const slice = { runEpochs: resolveRequest(request).training.epochs };
  if (from && from.epochs < epochs && from.stoppedBy === "epochs") {
    return resume(from.model, from.state, epochs - from.epochs, limits, slice);
  }
  return train(withEpochs(request, epochs), limits, slice);
}
