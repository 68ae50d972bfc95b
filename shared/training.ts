// The training loop. Everything it needs is allocated before the first epoch; inside the loop it
// only reads and writes Float64Arrays through monomorphic functions.
import { multiplySlopes } from "./activation.ts";
import { forward, forwardBuffers } from "./forward.ts";
import { denseLayer, passBackWithSlopes, sgdLayer } from "./fused.ts";
import { initialise } from "./init.ts";
import { gradientScale, lossCode, reduceLoss } from "./loss.ts";
import type { StopReason } from "./model.ts";
import {
  biasGradient,
  emptyNetwork,
  type FlatNetwork,
  flatRows,
  linearLayer,
  passBack,
  weightGradient,
} from "./network.ts";
import { NumpyRandom } from "./numpy-random.ts";
import { adamBeta1, adamBeta2, adamStep, momentumStep, regularize, sgdStep } from "./optimizer.ts";
import { outputLayer } from "./output-layer.ts";
import type { ResolvedTrainRequest } from "./request.ts";
import { RequestError } from "./resolve.ts";
import { type Outcome, singleLayerSgd } from "./single-layer.ts";

export const maxHistoryPoints = 200;

export type TrainingRun = {
  network: FlatNetwork;
  epochs: number;
  stoppedBy: StopReason;
  /** [epoch, loss after that many epochs], at most 200, the first (0) and the last always there. */
  history: [number, number][];
  /** Loss of the returned weights over the whole table. */
  loss: number;
  /** Outputs of the returned weights for every row, rows × outputs, row-major. */
  predictions: Float64Array;
};

const sgd = 0;
const momentum = 1;
const adam = 2;

/** The gradients of one batch, layer by layer, left in `weightGradients` and `biasGradients`. */
export type Gradients = { weights: Float64Array[]; biases: Float64Array[] };

/**
 * The forward pass of a training step over `rows` rows: every layer's activations in outputs[1…L],
 * the output layer's error ∂L/∂z in deltas[L−1]; returns the raw loss sum (see `outputLayer`).
 */
export function forwardWithError(
  network: FlatNetwork,
  outputs: Float64Array[],
  rows: number,
  targets: Float64Array,
  loss: number,
  deltas: Float64Array[],
): number {
  const sizes = network.sizes;
  const last = sizes.length - 2;
  for (let l = 0; l < last; l++) {
    const fanOut = sizes[l + 1] as number;
    denseLayer(
      outputs[l] as Float64Array,
      rows,
      sizes[l] as number,
      network.weights[l] as Float64Array,
      network.biases[l] as Float64Array,
      network.bias,
      fanOut,
      outputs[l + 1] as Float64Array,
      network.activations[l] as number,
    );
  }
  linearLayer(
    outputs[last] as Float64Array,
    rows,
    sizes[last] as number,
    network.weights[last] as Float64Array,
    network.biases[last] as Float64Array,
    network.bias,
    sizes[last + 1] as number,
    outputs[last + 1] as Float64Array,
  );
  const count = rows * (sizes[last + 1] as number);
  const code = network.activations[last] as number;
  const scale = gradientScale(loss, count);
  return outputLayer(
    code,
    loss,
    outputs[last + 1] as Float64Array,
    targets,
    count,
    scale,
    deltas[last] as Float64Array,
  );
}

/**
 * The backward pass from the output error `forwardWithError` left: layer by layer down, each
 * layer's gradient and the error passed to the layer below (times act′ there).
 */
export function backward(
  network: FlatNetwork,
  outputs: Float64Array[],
  deltas: Float64Array[],
  rows: number,
  gradients: Gradients,
): void {
  const sizes = network.sizes;
  const last = sizes.length - 2;
  for (let l = last; l >= 0; l--) {
    const fanIn = sizes[l] as number;
    const fanOut = sizes[l + 1] as number;
    const delta = deltas[l] as Float64Array;
    if (l > 0) {
      const below = deltas[l - 1] as Float64Array;
      passBack(delta, rows, fanIn, network.weights[l] as Float64Array, fanOut, below);
      multiplySlopes(
        network.activations[l - 1] as number,
        outputs[l] as Float64Array,
        below,
        rows * fanIn,
      );
    }
    weightGradient(
      outputs[l] as Float64Array,
      delta,
      rows,
      fanIn,
      fanOut,
      gradients.weights[l] as Float64Array,
    );
    if (network.bias) biasGradient(delta, rows, fanOut, gradients.biases[l] as Float64Array);
  }
}

/**
 * `backward` and a plain sgd update in one: layer by layer down, the error passed to the layer
 * below (with the weights still as they were), then the layer's update straight from its
 * gradient. Returns the sum of the new weights and biases (see `sgdLayer`).
 */
export function backwardSgd(
  network: FlatNetwork,
  outputs: Float64Array[],
  deltas: Float64Array[],
  rows: number,
  rate: number,
  previousWeights: Float64Array[],
  previousBiases: Float64Array[],
): number {
  const sizes = network.sizes;
  let check = 0;
  for (let l = sizes.length - 2; l >= 0; l--) {
    const fanIn = sizes[l] as number;
    const fanOut = sizes[l + 1] as number;
    const delta = deltas[l] as Float64Array;
    const weights = network.weights[l] as Float64Array;
    if (l > 0) {
      passBackWithSlopes(
        delta,
        rows,
        fanIn,
        weights,
        fanOut,
        deltas[l - 1] as Float64Array,
        outputs[l] as Float64Array,
        network.activations[l - 1] as number,
      );
    }
    check += sgdLayer(
      outputs[l] as Float64Array,
      delta,
      rows,
      fanIn,
      fanOut,
      weights,
      previousWeights[l] as Float64Array,
      network.biases[l] as Float64Array,
      previousBiases[l] as Float64Array,
      network.bias,
      rate,
    );
  }
  return check;
}

/** What the optimizers keep between updates, and their settings. */
type OptimizerState = {
  kind: number;
  rate: number;
  momentum: number;
  regularized: boolean;
  l1: boolean;
  regularizationRate: number;
  previousWeights: Float64Array[];
  previousBiases: Float64Array[];
  /** momentum's velocity or adam's first moment. */
  firstWeights: Float64Array[];
  firstBiases: Float64Array[];
  /** adam's second moment. */
  secondWeights: Float64Array[];
  secondBiases: Float64Array[];
  /** β1^t and β2^t, kept as running products. */
  beta1Power: number;
  beta2Power: number;
};

/** One optimizer step on every layer from `gradients`; returns the sum of the new values. */
function update(network: FlatNetwork, gradients: Gradients, state: OptimizerState): number {
  if (state.kind === adam) {
    state.beta1Power *= adamBeta1;
    state.beta2Power *= adamBeta2;
  }
  const rate = state.rate;
  let check = 0;
  for (let l = 0; l < network.weights.length; l++) {
    const weights = network.weights[l] as Float64Array;
    const weightGradients = gradients.weights[l] as Float64Array;
    const count = weights.length;
    if (state.regularized)
      regularize(weightGradients, weights, count, state.l1, state.regularizationRate);
    const biases = network.biases[l] as Float64Array;
    const biasGradients = gradients.biases[l] as Float64Array;
    const biasCount = network.bias ? biases.length : 0;
    const previousWeights = state.previousWeights[l] as Float64Array;
    const previousBiases = state.previousBiases[l] as Float64Array;
    if (state.kind === sgd) {
      check += sgdStep(weights, weightGradients, previousWeights, count, rate);
      check += sgdStep(biases, biasGradients, previousBiases, biasCount, rate);
    } else if (state.kind === momentum) {
      const velocity = state.firstWeights[l] as Float64Array;
      const biasVelocity = state.firstBiases[l] as Float64Array;
      check += momentumStep(
        weights,
        weightGradients,
        velocity,
        previousWeights,
        count,
        rate,
        state.momentum,
      );
      check += momentumStep(
        biases,
        biasGradients,
        biasVelocity,
        previousBiases,
        biasCount,
        rate,
        state.momentum,
      );
    } else {
      const correction1 = 1 - state.beta1Power;
      const correction2 = 1 - state.beta2Power;
      check += adamStep(
        weights,
        weightGradients,
        state.firstWeights[l] as Float64Array,
        state.secondWeights[l] as Float64Array,
        previousWeights,
        count,
        rate,
        correction1,
        correction2,
      );
      check += adamStep(
        biases,
        biasGradients,
        state.firstBiases[l] as Float64Array,
        state.secondBiases[l] as Float64Array,
        previousBiases,
        biasCount,
        rate,
        correction1,
        correction2,
      );
    }
  }
  return check;
}

/** The loss after every `stride`-th epoch, at most 199 points (the final one is added after). */
class History {
  readonly epochs = new Float64Array(maxHistoryPoints);
  readonly losses = new Float64Array(maxHistoryPoints);
  readonly stride: number;
  count = 0;
  private next = 0;
  constructor(epochs: number) {
    this.stride = Math.max(1, Math.ceil(epochs / (maxHistoryPoints - 2)));
  }
  record(epoch: number, loss: number): void {
    if (epoch !== this.next || this.count >= maxHistoryPoints - 1) return;
    this.epochs[this.count] = epoch;
    this.losses[this.count++] = loss;
    this.next += this.stride;
  }
}

/**
 * The common case on its own: plain sgd on the whole table, one update per epoch. The same steps
 * as the general loop in `runTraining`, in a small function that compiles to a tight loop.
 */
function fullBatchSgd(
  network: FlatNetwork,
  outputs: Float64Array[],
  deltas: Float64Array[],
  rows: number,
  targets: Float64Array,
  loss: number,
  epochs: number,
  rate: number,
  targetLoss: number,
  previousWeights: Float64Array[],
  previousBiases: Float64Array[],
  history: History,
): Outcome {
  const terms = rows * (network.sizes[network.sizes.length - 1] as number);
  let updates = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const lossSum = forwardWithError(network, outputs, rows, targets, loss, deltas);
    const epochLoss = reduceLoss(loss, lossSum, terms);
    if (!Number.isFinite(epochLoss)) {
      if (updates > 0) {
        rollBack(network, previousWeights, previousBiases);
        updates--;
      }
      return { stoppedBy: "diverged", updates };
    }
    history.record(epoch, epochLoss);
    if (epochLoss <= targetLoss) return { stoppedBy: "target-loss", updates };
    const check = backwardSgd(
      network,
      outputs,
      deltas,
      rows,
      rate,
      previousWeights,
      previousBiases,
    );
    if (!Number.isFinite(check)) {
      rollBack(network, previousWeights, previousBiases);
      return { stoppedBy: "diverged", updates };
    }
    updates++;
  }
  return { stoppedBy: "epochs", updates };
}

function zerosLike(arrays: Float64Array[], needed: boolean): Float64Array[] {
  return arrays.map((array) => new Float64Array(needed ? array.length : 0));
}

/** Undo the last update: the weights as they were before it, still finite. */
function rollBack(network: FlatNetwork, weights: Float64Array[], biases: Float64Array[]): void {
  copyInto(network.weights, weights);
  copyInto(network.biases, biases);
}

function copyInto(targets: Float64Array[], sources: Float64Array[]): void {
  for (let l = 0; l < targets.length; l++)
    (targets[l] as Float64Array).set(sources[l] as Float64Array);
}

/** Everything the general loop works with, made once before it starts. */
type Setup = {
  network: FlatNetwork;
  random: NumpyRandom;
  inputs: Float64Array;
  targets: Float64Array;
  /** The rows of the batch in hand (the table itself when one batch is the whole table). */
  batchInputs: Float64Array;
  batchTargets: Float64Array;
  batchSize: number;
  loss: number;
  epochs: number;
  targetLoss: number;
  outputs: Float64Array[];
  deltas: Float64Array[];
  gradients: Gradients;
  optimizer: OptimizerState;
  plainSgd: boolean;
  history: History;
};

/**
 * The general loop: mini-batches (rows shuffled every epoch), momentum, adam, regularization.
 * Full-batch plain sgd takes `fullBatchSgd` instead, with the same results to the bit.
 */
function anyBatches(setup: Setup): Outcome {
  const { network, random, inputs, targets, batchInputs, batchTargets, batchSize, loss } = setup;
  const { epochs, targetLoss, outputs, deltas, gradients, optimizer, history } = setup;
  const { previousWeights, previousBiases } = optimizer;
  const inputWidth = network.sizes[0] as number;
  const outputWidth = network.sizes[network.sizes.length - 1] as number;
  const rows = inputs.length / inputWidth;
  const fullBatch = batchSize === rows;
  const lossTerms = rows * outputWidth;
  const order = new Int32Array(rows);
  for (let r = 0; r < rows; r++) order[r] = r;
  let updates = 0;

  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (!fullBatch) random.shuffle(order);
    let lossSum = 0;
    for (let start = 0; start < rows; start += batchSize) {
      const batchRows = Math.min(batchSize, rows - start);
      if (!fullBatch) {
        for (let r = 0; r < batchRows; r++) {
          const row = order[start + r] as number;
          for (let c = 0; c < inputWidth; c++) {
            batchInputs[r * inputWidth + c] = inputs[row * inputWidth + c] as number;
          }
          for (let c = 0; c < outputWidth; c++) {
            batchTargets[r * outputWidth + c] = targets[row * outputWidth + c] as number;
          }
        }
      }
      const batchLoss = forwardWithError(network, outputs, batchRows, batchTargets, loss, deltas);
      lossSum += batchLoss;
      if (!Number.isFinite(batchLoss)) {
        if (updates > 0) {
          rollBack(network, previousWeights, previousBiases);
          updates--;
        }
        return { stoppedBy: "diverged", updates };
      }
      if (fullBatch) {
        // The whole table under the weights after epoch − 1 updates: exact, so the run can stop
        // at the target before spending an update.
        const epochLoss = reduceLoss(loss, lossSum, lossTerms);
        history.record(epoch - 1, epochLoss);
        if (epochLoss <= targetLoss) return { stoppedBy: "target-loss", updates };
      }
      let check: number;
      if (setup.plainSgd) {
        check = backwardSgd(
          network,
          outputs,
          deltas,
          batchRows,
          optimizer.rate,
          previousWeights,
          previousBiases,
        );
      } else {
        backward(network, outputs, deltas, batchRows, gradients);
        check = update(network, gradients, optimizer);
      }
      if (!Number.isFinite(check)) {
        rollBack(network, previousWeights, previousBiases);
        return { stoppedBy: "diverged", updates };
      }
      updates++;
    }
    if (!fullBatch) {
      // Mini-batches: the loss seen while running the epoch, each row under the weights of its turn.
      const epochLoss = reduceLoss(loss, lossSum, lossTerms);
      history.record(epoch - 1, epochLoss);
      if (epochLoss <= targetLoss) return { stoppedBy: "target-loss", updates };
    }
  }
  return { stoppedBy: "epochs", updates };
}

/** How `runTraining` may go about a run; the defaults are what `train` uses. */
export type TrainingOptions = {
  /**
   * false: every run takes the general loop (`backward`, then `update`), never `singleLayerSgd`,
   * `fullBatchSgd` or the fused `backwardSgd`. The results are the same bits either way; the tests
   * use it to check that they are.
   */
  fastPaths: boolean;
};

export function runTraining(
  request: ResolvedTrainRequest,
  options: TrainingOptions = { fastPaths: true },
): TrainingRun {
  const { table, training } = request;
  const random = new NumpyRandom(training.seed);
  const network = emptyNetwork(request);
  initialise(network, training.init, random);

  const sizes = network.sizes;
  const layerCount = sizes.length - 1;
  const inputWidth = sizes[0] as number;
  const outputWidth = sizes[layerCount] as number;
  const rows = table.inputs.length;
  const inputs = flatRows(table.inputs, inputWidth);
  const targets = flatRows(table.targets, outputWidth);
  const loss = lossCode[training.loss];
  const epochs = training.epochs;
  const rate = training.learningRate;
  const optimizer =
    training.optimizer === "adam" ? adam : training.optimizer === "momentum" ? momentum : sgd;
  const regularization = training.regularization;
  const regularized = regularization !== undefined && regularization.rate > 0;
  const targetLoss = training.targetLoss ?? Number.NEGATIVE_INFINITY;

  // A batch as large as the table is the table in its own order: nothing to shuffle or gather.
  const batchSize = Math.min(training.batchSize, rows);
  const fullBatch = batchSize === rows;
  const batchInputs = fullBatch ? inputs : new Float64Array(batchSize * inputWidth);
  const batchTargets = fullBatch ? targets : new Float64Array(batchSize * outputWidth);
  const outputs = forwardBuffers(network, batchInputs, batchSize);
  const deltas = sizes.slice(1).map((units) => new Float64Array(batchSize * units));
  const gradients: Gradients = {
    weights: zerosLike(network.weights, true),
    biases: zerosLike(network.biases, true),
  };
  const previousWeights = network.weights.map((weights) => weights.slice());
  const previousBiases = network.biases.map((biases) => biases.slice());
  const optimizerState: OptimizerState = {
    kind: optimizer,
    rate,
    momentum: training.momentum,
    regularized,
    l1: regularization?.kind === "l1",
    regularizationRate: regularization?.rate ?? 0,
    previousWeights,
    previousBiases,
    firstWeights: zerosLike(network.weights, optimizer !== sgd),
    firstBiases: zerosLike(network.biases, optimizer !== sgd),
    secondWeights: zerosLike(network.weights, optimizer === adam),
    secondBiases: zerosLike(network.biases, optimizer === adam),
    beta1Power: 1,
    beta2Power: 1,
  };
  const plainSgd = optimizer === sgd && !regularized && options.fastPaths;
  const history = new History(epochs);
  const outcome =
    batchSize === rows && plainSgd && layerCount === 1
      ? singleLayerSgd(
          network,
          inputs,
          targets,
          rows,
          loss,
          epochs,
          rate,
          targetLoss,
          deltas[0] as Float64Array,
          previousWeights[0] as Float64Array,
          previousBiases[0] as Float64Array,
          history,
        )
      : batchSize === rows && plainSgd
        ? fullBatchSgd(
            network,
            outputs,
            deltas,
            rows,
            targets,
            loss,
            epochs,
            rate,
            targetLoss,
            previousWeights,
            previousBiases,
            history,
          )
        : anyBatches({
            network,
            random,
            inputs,
            targets,
            batchInputs,
            batchTargets,
            batchSize,
            loss,
            epochs,
            targetLoss,
            outputs,
            deltas,
            gradients,
            optimizer: optimizerState,
            plainSgd,
            history,
          });
  let stoppedBy = outcome.stoppedBy;
  let updates = outcome.updates;
  const stepsPerEpoch = Math.ceil(rows / batchSize);
  const lossTerms = rows * outputWidth;

  // The returned weights over the whole table, in table order.
  const finalOutputs = forwardBuffers(network, inputs, rows);
  let finalLoss = reduceLoss(loss, forward(network, finalOutputs, rows, targets, loss), lossTerms);
  if (!Number.isFinite(finalLoss) && stoppedBy !== "diverged" && updates > 0) {
    // The last update left finite weights whose outputs overflow (nothing in the loop looks at
    // the weights after it): a divergence like any other, so it is undone.
    rollBack(network, previousWeights, previousBiases);
    updates--;
    stoppedBy = "diverged";
    finalLoss = reduceLoss(loss, forward(network, finalOutputs, rows, targets, loss), lossTerms);
  }
  let completed = stoppedBy === "epochs" ? epochs : Math.floor(updates / stepsPerEpoch);
  if (!Number.isFinite(finalLoss)) {
    // Only a diverged mini-batch run gets here (with the whole table as one batch, the loop saw
    // the loss of the weights it kept): its last finite weights passed on their own batch but
    // still overflow on some other row, so it hands back the initial weights, whose loss is
    // finite for any sane table.
    initialise(network, training.init, new NumpyRandom(training.seed));
    completed = 0;
    finalLoss = reduceLoss(loss, forward(network, finalOutputs, rows, targets, loss), lossTerms);
    if (!Number.isFinite(finalLoss)) {
      throw new RequestError([
        { path: "table", message: "the loss overflows with these values even before training" },
      ]);
    }
  }

  const points: [number, number][] = [];
  for (let k = 0; k < history.count; k++) {
    const epoch = history.epochs[k] as number;
    if (epoch < completed) points.push([epoch, history.losses[k] as number]);
  }
  points.push([completed, finalLoss]);

  return {
    network,
    epochs: completed,
    stoppedBy,
    history: points,
    loss: finalLoss,
    predictions: finalOutputs[layerCount] as Float64Array,
  };
}
