// A run from a request: the network initialised from its seed, the setup made, the loop run, and
// the returned weights evaluated over the whole table. A run may be made in slices (a job's
// steps, an observed run's snapshots): a slice the run goes on from is the loop stopped at its
// last epoch, its weights not judged, so that the slices end as the run in one go does.
import { initialise } from "../kernels/init.ts";
import { reduceLoss } from "../kernels/loss.ts";
import { NumpyRandom } from "../kernels/numpy-random.ts";
import type { ResolvedTrainRequest } from "../schemas/request.ts";
import { RequestError } from "../schemas/resolve.ts";
import type { StopReason, TrainingState } from "../schemas/state.ts";
import { forward, forwardPass } from "./forward.ts";
import { trainEpochs } from "./loop.ts";
import type { FlatNetwork } from "./network.ts";
import { freshSetup, type Outcome, resumedSetup, type Setup, stateOf } from "./setup.ts";
import { diverged } from "./update.ts";

export type TrainingRun = {
  network: FlatNetwork;
  epochs: number;
  stoppedBy: StopReason;
  /** [epoch, loss after that many epochs], at most 200, the first (0) and the last always there. */
  history: [number, number][];
  /**
   * Loss of the returned weights over the whole table. A slice the run goes on from does not
   * judge it: there it may overflow (Infinity or NaN), as may the predictions.
   */
  loss: number;
  /** Outputs of the returned weights for every row, rows × outputs, row-major. */
  predictions: Float64Array;
  /** What a later run needs to go on from here. */
  state: TrainingState;
};

/**
 * A run from the request's seed. `goesOn`: the run goes on after these epochs (its first slice),
 * so its end is not judged here.
 */
export function runTraining(request: ResolvedTrainRequest, goesOn = false): TrainingRun {
  return finish(request, freshSetup(request), goesOn);
}

/**
 * A run that goes on from `state` with the model's weights (`network`) for `epochs` more;
 * `goesOn`: and on after those (a slice before the run's last).
 */
export function resumeTraining(
  request: ResolvedTrainRequest,
  network: FlatNetwork,
  state: TrainingState,
  epochs: number,
  goesOn = false,
): TrainingRun {
  return finish(request, resumedSetup(request, network, state, epochs), goesOn);
}

function finish(request: ResolvedTrainRequest, setup: Setup, goesOn: boolean): TrainingRun {
  const outcome = trainEpochs(setup);
  return goesOn && outcome.stoppedBy === "epochs"
    ? goingOn(setup)
    : endOfRun(request, setup, outcome);
}

/**
 * A slice the run goes on from: in one go, nothing looks at these weights over the whole table
 * now (the next epoch's batches will), so neither does the slice. Its loss and predictions are
 * those of the weights as they are, maybe overflowing. When they may overflow on some batch, the
 * state keeps the undo of the last update for the next slice, whose first batch may find that.
 * Below half the largest double, no batch can: a batch's terms are some of the table's, computed
 * by the same kernels, and summing fewer of them in another order stays far from overflowing.
 */
function goingOn(setup: Setup): TrainingRun {
  const { network, inputs, targets, rows, loss } = setup;
  const pass = forwardPass(network, inputs, rows);
  const lossSum = forward(pass, rows, targets, loss);
  const lossOfWeights = reduceLoss(loss, lossSum, rows * network.outputs);
  const mayOverflow = !(lossSum <= Number.MAX_VALUE / 2);
  const epochs = setup.lastEpoch;
  const points = setup.history.pointsBefore(epochs);
  points.push([epochs, lossOfWeights]);
  return {
    network,
    epochs,
    stoppedBy: "epochs",
    history: points,
    loss: lossOfWeights,
    predictions: pass.top.output,
    state: stateOf(setup, epochs, "epochs", mayOverflow),
  };
}

/** The run a setup's loop ended with `outcome`: its last weights checked and evaluated. */
export function endOfRun(
  request: ResolvedTrainRequest,
  setup: Setup,
  outcome: Outcome,
): TrainingRun {
  let { stoppedBy, updates } = outcome;
  const { network, inputs, targets, rows, loss } = setup;
  const training = request.training;
  const stepsPerEpoch = Math.ceil(rows / setup.batchSize);
  const lossTerms = rows * network.outputs;

  // The returned weights over the whole table, in table order.
  const final = forwardPass(network, inputs, rows);
  const finalLoss = () => reduceLoss(loss, forward(final, rows, targets, loss), lossTerms);
  let lossOfWeights = finalLoss();
  if (!Number.isFinite(lossOfWeights) && stoppedBy !== "diverged") {
    // The last update left finite weights whose outputs overflow (nothing in the loop looks at
    // the weights after it): a divergence like any other, so it is undone.
    ({ stoppedBy, updates } = diverged(setup, updates));
    lossOfWeights = finalLoss();
  }
  let completed =
    stoppedBy === "epochs"
      ? setup.lastEpoch
      : setup.firstEpoch + Math.floor(updates / stepsPerEpoch);
  if (!Number.isFinite(lossOfWeights)) {
    // Only a diverged mini-batch run gets here (with the whole table as one batch, the loop saw
    // the loss of the weights it kept): its last finite weights passed on their own batch but
    // still overflow on some other row, so it hands back the initial weights, whose loss is
    // finite for any sane table.
    initialise(network.layers, network.hasBias, training.init, new NumpyRandom(training.seed));
    completed = 0;
    lossOfWeights = finalLoss();
    if (!Number.isFinite(lossOfWeights)) {
      throw new RequestError([
        { path: "table", message: "the loss overflows with these values even before training" },
      ]);
    }
  }

  const points = setup.history.pointsBefore(completed);
  points.push([completed, lossOfWeights]);

  return {
    network,
    epochs: completed,
    stoppedBy,
    history: points,
    loss: lossOfWeights,
    predictions: final.top.output,
    state: stateOf(setup, completed, stoppedBy),
  };
}
