// Everything a run works with, made once before its first epoch: the loop only reads and writes
// the arrays here.
import { initialise } from "../kernels/init.ts";
import { lossCode } from "../kernels/loss.ts";
import { NumpyRandom } from "../kernels/numpy-random.ts";
import type { ResolvedTrainRequest } from "../schemas/request.ts";
import {
  type LayerValues,
  type StopReason,
  type TrainingState,
  trainingStateFormat,
} from "../schemas/state.ts";
import { History } from "./history.ts";
import { emptyNetwork, type FlatNetwork, flatRows, type NetworkLayer } from "./network.ts";

export const sgdKind = 0;
export const momentumKind = 1;
export const adamKind = 2;

/** How a run's loop ended: the reason, and how many updates the weights have had in it. */
export type Outcome = { stoppedBy: StopReason; updates: number };

/** A weight layer with every buffer the loop needs for it, over one batch of rows. */
export type TrainingLayer = NetworkLayer & {
  /** The batch's rows as this layer sees them: the inputs, or the layer below's `output`. */
  input: Float64Array;
  output: Float64Array;
  /** ∂L/∂z of this layer's units. */
  delta: Float64Array;
  /** The layer below's `delta` (empty for the first layer, which passes nothing back). */
  below: Float64Array;
  /** The layer below's activation code (whose slope the passed-back error takes). */
  belowActivation: number;
  weightGradient: Float64Array;
  biasGradient: Float64Array;
  /** The values before the last update, to undo it when it diverges. */
  previousWeights: Float64Array;
  previousBiases: Float64Array;
  /** momentum's velocity or adam's first moment (empty for sgd). */
  firstWeights: Float64Array;
  firstBiases: Float64Array;
  /** adam's second moment (empty otherwise). */
  secondWeights: Float64Array;
  secondBiases: Float64Array;
};

/** The optimizer's settings, its update count, and adam's β1^t and β2^t as running products. */
export type OptimizerSettings = {
  kind: number;
  rate: number;
  momentum: number;
  regularized: boolean;
  l1: boolean;
  regularizationRate: number;
  /** Updates done (adam's t). */
  step: number;
  beta1Power: number;
  beta2Power: number;
};

export type Setup = {
  network: FlatNetwork;
  parameters: Parameters;
  /** Where the forward pass leaves the batch's raw loss sum. */
  lossSum: Float64Array;
  /** bce's outputs y while the output layer takes its logs (`outputLayer`); empty for sse, mse. */
  sigmoids: Float64Array;
  /** Every layer, inputs side first; `downward` is the same layers top first. */
  layers: TrainingLayer[];
  downward: TrainingLayer[];
  hidden: TrainingLayer[];
  top: TrainingLayer;
  hasBias: boolean;
  /** The whole table, row-major. */
  inputs: Float64Array;
  targets: Float64Array;
  rows: number;
  /** The rows of the batch in hand (the table itself when one batch is the whole table). */
  batchInputs: Float64Array;
  batchTargets: Float64Array;
  batchSize: number;
  fullBatch: boolean;
  /** The table's row order, shuffled in place every epoch as numpy's `shuffle(order)`. */
  order: Int32Array;
  random: NumpyRandom;
  loss: number;
  targetLoss: number;
  optimizer: OptimizerSettings;
  /** Epochs done before this run, and the epoch count it stops at. */
  firstEpoch: number;
  lastEpoch: number;
  /** The next epoch the loop runs, and the updates this setup has made (the loop keeps both). */
  epoch: number;
  updates: number;
  /** The loop stops once `updates` reach this (one mini-batch at a time, for watching a run). */
  updateLimit: number;
  history: History;
  /**
   * The layers' `previousWeights` and `previousBiases` are those before the last update of the
   * slice before this one (its state carried them): a divergence before this slice's first
   * update still undoes one update, as the run in one go does.
   */
  undoCarried: boolean;
};

/**
 * Every trained value of a run in one array, in the order [W₀, b₀, W₁, b₁, …] (the biases only
 * when the network has them), with the arrays of the same length an optimizer keeps beside it:
 * one kernel call then updates, checks or restores the whole network.
 */
export type Parameters = {
  values: Float64Array;
  gradient: Float64Array;
  /** The values before the last update, to undo it when it diverges. */
  previous: Float64Array;
  /** momentum's velocity or adam's first moment (empty for sgd). */
  first: Float64Array;
  /** adam's second moment (empty otherwise). */
  second: Float64Array;
};

/**
 * The parameters of `network`, whose layers' weights and biases become views into `values` (their
 * values kept); each training layer's gradients and moments are views into the others.
 */
function flatParameters(network: FlatNetwork, kind: number): Parameters {
  const trainedBiases = network.hasBias;
  let count = 0;
  for (const layer of network.layers)
    count += layer.weights.length + (trainedBiases ? layer.biases.length : 0);
  const values = new Float64Array(count);
  let at = 0;
  for (const layer of network.layers) {
    const weightsEnd = at + layer.weights.length;
    values.set(layer.weights, at);
    layer.weights = values.subarray(at, weightsEnd);
    at = weightsEnd;
    if (trainedBiases) {
      const biasesEnd = at + layer.biases.length;
      values.set(layer.biases, at);
      layer.biases = values.subarray(at, biasesEnd);
      at = biasesEnd;
    }
  }
  return {
    values,
    gradient: new Float64Array(count),
    previous: values.slice(),
    first: new Float64Array(kind === sgdKind ? 0 : count),
    second: new Float64Array(kind === adamKind ? count : 0),
  };
}

/** The training layers of `network` over batches of `batchSize` rows of `batchInputs`. */
export function trainingLayers(
  network: FlatNetwork,
  parameters: Parameters,
  batchInputs: Float64Array,
  batchSize: number,
): TrainingLayer[] {
  let input = batchInputs;
  let below = new Float64Array(0);
  let belowActivation = -1;
  let at = 0;
  const trainedBiases = network.hasBias;
  // A layer's slice of one of the parameters' arrays (empty where that array is), then the next.
  const slice = (values: Float64Array, from: number, length: number) =>
    values.length === 0 ? values : values.subarray(from, from + length);
  return network.layers.map((layer): TrainingLayer => {
    const weightsAt = at;
    const biasesAt = weightsAt + layer.weights.length;
    const biasCount = trainedBiases ? layer.biases.length : 0;
    at = biasesAt + biasCount;
    const weightsOf = (values: Float64Array) => slice(values, weightsAt, layer.weights.length);
    const biasesOf = (values: Float64Array) =>
      trainedBiases ? slice(values, biasesAt, biasCount) : new Float64Array(0);
    const output = new Float64Array(batchSize * layer.fanOut);
    const delta = new Float64Array(batchSize * layer.fanOut);
    const view: TrainingLayer = {
      ...layer,
      input,
      output,
      delta,
      below,
      belowActivation,
      weightGradient: weightsOf(parameters.gradient),
      biasGradient: trainedBiases ? biasesOf(parameters.gradient) : new Float64Array(layer.fanOut),
      previousWeights: weightsOf(parameters.previous),
      previousBiases: biasesOf(parameters.previous),
      firstWeights: weightsOf(parameters.first),
      firstBiases: biasesOf(parameters.first),
      secondWeights: weightsOf(parameters.second),
      secondBiases: biasesOf(parameters.second),
    };
    input = output;
    below = delta;
    belowActivation = layer.activation;
    return view;
  });
}

const optimizerKind = { sgd: sgdKind, momentum: momentumKind, adam: adamKind } as const;

/** The setup of a fresh run: weights drawn from the seed, optimizer state at zero. */
export function freshSetup(request: ResolvedTrainRequest): Setup {
  const random = new NumpyRandom(request.training.seed);
  const network = emptyNetwork(request);
  initialise(network.layers, network.hasBias, request.training.init, random);
  return setupFor(request, network, random);
}

/**
 * The setup that goes on from a state (checked to fit by `checkStateFits`): the model's weights,
 * the optimizer's state, the generator and row order, the history, for `epochs` more epochs.
 */
export function resumedSetup(
  request: ResolvedTrainRequest,
  network: FlatNetwork,
  state: TrainingState,
  epochs: number,
): Setup {
  const shuffle = state.shuffle;
  const random = shuffle
    ? NumpyRandom.restored(shuffle.words, shuffle.position)
    : new NumpyRandom(request.training.seed);
  const setup = setupFor(request, network, random);
  if (shuffle) setup.order.set(shuffle.order);
  const optimizer = state.optimizer;
  const fill = (values: readonly LayerValues[], weights: "firstWeights" | "secondWeights") => {
    const biases = weights === "firstWeights" ? "firstBiases" : "secondBiases";
    setup.layers.forEach((layer, l) => {
      layer[weights].set(values[l]?.weights ?? []);
      layer[biases].set(values[l]?.biases ?? []);
    });
  };
  if (optimizer.kind === "momentum") fill(optimizer.velocity, "firstWeights");
  if (optimizer.kind === "adam") {
    fill(optimizer.firstMoment, "firstWeights");
    fill(optimizer.secondMoment, "secondWeights");
    setup.optimizer.step = optimizer.step;
    setup.optimizer.beta1Power = optimizer.beta1Power;
    setup.optimizer.beta2Power = optimizer.beta2Power;
  }
  setup.history.restore(state.history.stride, state.history.points);
  const before = state.beforeLastUpdate;
  if (before) {
    setup.layers.forEach((layer, l) => {
      layer.previousWeights.set(before[l]?.weights ?? []);
      layer.previousBiases.set(before[l]?.biases ?? []);
    });
    setup.undoCarried = true;
  }
  setup.firstEpoch = state.epochsDone;
  setup.epoch = state.epochsDone;
  setup.lastEpoch = state.epochsDone + epochs;
  return setup;
}

function setupFor(request: ResolvedTrainRequest, network: FlatNetwork, random: NumpyRandom): Setup {
  const { table, training } = request;
  const rows = table.inputs.length;
  const inputs = flatRows(table.inputs, network.inputs);
  const targets = flatRows(table.targets, network.outputs);
  // A batch as large as the table is the table in its own order: nothing to shuffle or gather.
  const batchSize = Math.min(training.batchSize, rows);
  const fullBatch = batchSize === rows;
  const batchInputs = fullBatch ? inputs : new Float64Array(batchSize * network.inputs);
  const batchTargets = fullBatch ? targets : new Float64Array(batchSize * network.outputs);
  const kind = optimizerKind[training.optimizer];
  const parameters = flatParameters(network, kind);
  const layers = trainingLayers(network, parameters, batchInputs, batchSize);
  const top = layers[layers.length - 1];
  if (!top) throw new Error("a network has at least one weight layer");
  const regularization = training.regularization;
  return {
    network,
    parameters,
    lossSum: new Float64Array(1),
    sigmoids: new Float64Array(training.loss === "bce" ? batchSize * network.outputs : 0),
    layers,
    downward: [...layers].reverse(),
    hidden: layers.slice(0, -1),
    top,
    hasBias: network.hasBias,
    inputs,
    targets,
    rows,
    batchInputs,
    batchTargets,
    batchSize,
    fullBatch,
    order: Int32Array.from({ length: rows }, (_, r) => r),
    random,
    loss: lossCode[training.loss],
    targetLoss: training.targetLoss ?? Number.NEGATIVE_INFINITY,
    optimizer: {
      kind,
      rate: training.learningRate,
      momentum: training.momentum,
      regularized: regularization !== undefined && regularization.rate > 0,
      l1: regularization?.kind === "l1",
      regularizationRate: regularization?.rate ?? 0,
      step: 0,
      beta1Power: 1,
      beta2Power: 1,
    },
    firstEpoch: 0,
    lastEpoch: training.epochs,
    epoch: 0,
    updates: 0,
    updateLimit: Number.POSITIVE_INFINITY,
    history: new History(),
    undoCarried: false,
  };
}

/**
 * The state a run leaves after `epochsDone` epochs (the weights are the model's). `keepUndo`: the
 * run goes on from weights that may overflow on its next batch, so the state keeps the weights
 * before the last update as well.
 */
export function stateOf(
  setup: Setup,
  epochsDone: number,
  stoppedBy: StopReason,
  keepUndo = false,
): TrainingState {
  const values = (weights: "firstWeights" | "secondWeights"): LayerValues[] =>
    setup.layers.map((layer) => ({
      weights: Array.from(layer[weights]),
      biases: setup.hasBias
        ? Array.from(layer[weights === "firstWeights" ? "firstBiases" : "secondBiases"])
        : null,
    }));
  const { kind, step, beta1Power, beta2Power } = setup.optimizer;
  const optimizer: TrainingState["optimizer"] =
    kind === adamKind
      ? {
          kind: "adam",
          step,
          beta1Power,
          beta2Power,
          firstMoment: values("firstWeights"),
          secondMoment: values("secondWeights"),
        }
      : kind === momentumKind
        ? { kind: "momentum", velocity: values("firstWeights") }
        : { kind: "sgd" };
  const history = setup.history;
  return {
    format: trainingStateFormat,
    epochsDone,
    stoppedBy,
    optimizer,
    shuffle: setup.fullBatch
      ? null
      : { ...setup.random.snapshot(), order: Array.from(setup.order) },
    history: { stride: history.stride, points: history.pointsBefore(epochsDone) },
    ...(keepUndo
      ? {
          beforeLastUpdate: setup.layers.map((layer) => ({
            weights: Array.from(layer.previousWeights),
            biases: setup.hasBias ? Array.from(layer.previousBiases) : null,
          })),
        }
      : {}),
  };
}
