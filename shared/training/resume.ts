// resume: a stored model and its training state, trained `epochs` more, exactly as if the first
// run had been that much longer. The result's model says so: its request's `epochs` is the total,
// so `train(model.request)` (with no cost cap) gives the same bits.
import * as v from "valibot";
import { defaultLimits, LimitError, type Limits } from "../schemas/limits.ts";
import { type Model, ModelSchema, type TrainResult } from "../schemas/model.ts";
import type { ResolvedTrainRequest } from "../schemas/request.ts";
import { type FieldIssue, RequestError, toFieldIssues } from "../schemas/resolve.ts";
import {
  type LayerValues,
  type StopReason,
  type TrainingState,
  TrainingStateSchema,
} from "../schemas/state.ts";
import { checkLimits, trainingCost } from "./cost.ts";
import { recordedPoints } from "./history.ts";
import { emptyNetwork, type FlatNetwork, networkFromModel } from "./network.ts";
import { resumeTraining } from "./run.ts";
import { goesOnAfter, type SliceOptions, sliceResultOf } from "./train.ts";

/** A state whose run stopped on its target loss or diverged: going on would hide that it did. */
export class StoppedRunError extends Error {
  readonly stoppedBy: Exclude<StopReason, "epochs">;
  readonly epochsDone: number;
  constructor(stoppedBy: Exclude<StopReason, "epochs">, epochsDone: number) {
    super(
      stoppedBy === "target-loss"
        ? `the run reached its target loss after ${epochsDone} epochs; it is finished`
        : `the run diverged after ${epochsDone} epochs; train it again with other settings`,
    );
    this.name = "StoppedRunError";
    this.stoppedBy = stoppedBy;
    this.epochsDone = epochsDone;
  }
}

/** The model's request with another epoch count. */
function withEpochs(request: ResolvedTrainRequest, epochs: number): ResolvedTrainRequest {
  return { ...request, training: { ...request.training, epochs } };
}

/**
 * The price of `epochs` more epochs of this model: that of a run of `epochs` epochs with its
 * settings (`trainingCost`, the one price), what `resume` checks against `maxCost`.
 */
export function resumeCost(model: Model, epochs: number): number {
  return trainingCost(withEpochs(model.request as ResolvedTrainRequest, epochs));
}

/**
 * Trains `epochs` more epochs from `state` and the model's weights (`slice`: one slice of a longer
 * run, SliceOptions; the state may be an earlier slice's). Throws, before any training:
 * RequestError (paths under `model.`, `state.` or `epochs`) for a model or state the schemas
 * refuse or a state that does not fit the model, StoppedRunError for a state whose run stopped
 * on its target loss or diverged, LimitError when the total epochs are over `maxEpochs`, these
 * epochs' price over `maxCost`, or the model over another limit.
 */
export function resume(
  model: Model,
  state: TrainingState,
  epochs: number,
  limits: Limits = defaultLimits,
  slice: SliceOptions = {},
): TrainResult {
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw new RequestError([{ path: "epochs", message: "epochs must be a whole number from 1" }]);
  }
  const parsedModel = v.safeParse(ModelSchema, model);
  const parsedState = v.safeParse(TrainingStateSchema, state);
  const issues = [
    ...(parsedModel.success ? [] : prefixed("model", toFieldIssues(parsedModel.issues))),
    ...(parsedState.success ? [] : prefixed("state", toFieldIssues(parsedState.issues))),
  ];
  if (!parsedModel.success || !parsedState.success) throw new RequestError(issues);
  const request = parsedModel.output.request;
  const checked = parsedState.output;
  if (checked.stoppedBy !== "epochs")
    throw new StoppedRunError(checked.stoppedBy, checked.epochsDone);
  const network = networkFromModel(parsedModel.output);
  const misfits = [...modelMisfits(request, network), ...stateMisfits(request, network, checked)];
  if (misfits.length > 0) throw new RequestError(misfits);

  const total = checked.epochsDone + epochs;
  if (total > limits.maxEpochs) {
    throw new LimitError("maxEpochs", total, limits.maxEpochs, "epochs", "epochs in all");
  }
  checkLimits(request, { ...limits, maxCost: Number.POSITIVE_INFINITY });
  const cost = resumeCost(parsedModel.output, epochs);
  if (cost > limits.maxCost) {
    throw new LimitError("maxCost", cost, limits.maxCost, "epochs", "multiply-adds");
  }
  const whole = withEpochs(request, total);
  const goesOn = goesOnAfter(total, slice);
  const run = resumeTraining(whole, network, checked, epochs, goesOn);
  return sliceResultOf(whole, run, cost, goesOn, slice);
}

function prefixed(root: string, issues: FieldIssue[]): FieldIssue[] {
  return issues.map(({ path, message }) => ({ path: path ? `${root}.${path}` : root, message }));
}

/** The model's layers are the network its request describes. */
function modelMisfits(request: ResolvedTrainRequest, network: FlatNetwork): FieldIssue[] {
  const expected = emptyNetwork(request);
  const shape = (n: FlatNetwork) =>
    n.layers.map((l) => `${l.fanIn}×${l.fanOut} ${l.activationName}`).join(", ");
  if (shape(network) !== shape(expected) || network.hasBias !== expected.hasBias) {
    return [
      {
        path: "model.layers",
        message: `the layers are not the network the model's request describes (${shape(expected)}${expected.hasBias ? "" : ", no bias"})`,
      },
    ];
  }
  return [];
}

/** Everything in the state has the size and the meaning this model and its request give it. */
function stateMisfits(
  request: ResolvedTrainRequest,
  network: FlatNetwork,
  state: TrainingState,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path: `state.${path}`, message });
  const planned = request.training.epochs;
  if (state.epochsDone !== planned) {
    issue(
      "epochsDone",
      `the model's request says ${planned} epochs, the state ${state.epochsDone}`,
    );
  }
  const optimizer = state.optimizer;
  if (optimizer.kind !== request.training.optimizer) {
    issue("optimizer.kind", `the model was trained with ${request.training.optimizer}`);
  }
  const checkValues = (path: string, values: readonly LayerValues[]) => {
    if (values.length !== network.layers.length) {
      issue(path, `${network.layers.length} layers expected, ${values.length} given`);
      return;
    }
    network.layers.forEach(({ fanIn, fanOut }, l) => {
      const layer = values[l] as LayerValues;
      if (layer.weights.length !== fanIn * fanOut)
        issue(`${path}.${l}.weights`, `${fanIn * fanOut} values expected (${fanIn} × ${fanOut})`);
      if (network.hasBias ? layer.biases?.length !== fanOut : layer.biases !== null)
        issue(
          `${path}.${l}.biases`,
          network.hasBias ? `${fanOut} values expected` : "must be null: the network has no bias",
        );
    });
  };
  if (optimizer.kind === "momentum") checkValues("optimizer.velocity", optimizer.velocity);
  if (optimizer.kind === "adam") {
    checkValues("optimizer.firstMoment", optimizer.firstMoment);
    checkValues("optimizer.secondMoment", optimizer.secondMoment);
  }
  if (state.beforeLastUpdate) checkValues("beforeLastUpdate", state.beforeLastUpdate);
  const rows = request.table.inputs.length;
  const shuffles = request.training.batchSize < rows;
  if (shuffles !== (state.shuffle !== null)) {
    issue(
      "shuffle",
      shuffles
        ? "mini-batches need the generator's state"
        : "must be null: every batch is the whole table",
    );
  } else if (state.shuffle) {
    const order = state.shuffle.order;
    const permutation =
      order.length === rows && new Set(order).size === rows && order.every((row) => row < rows);
    if (!permutation) issue("shuffle.order", `must be the rows 0 … ${rows - 1}, each once`);
  }
  const { stride, points } = state.history;
  const count = points.length;
  const onStride = points.every(([epoch], k) => epoch === k * stride);
  const upToDate =
    count >= 1 && (count - 1) * stride < state.epochsDone && state.epochsDone <= count * stride;
  if (count > recordedPoints || !onStride || !upToDate) {
    issue(
      "history",
      `the points must be at epochs 0, ${stride}, 2·${stride}, … before ${state.epochsDone}, at most ${recordedPoints}, the next one due`,
    );
  }
  return issues;
}
