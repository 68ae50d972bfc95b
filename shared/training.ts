// The training loop. Everything it needs is allocated before the first epoch; inside the loop it
// only reads and writes Float64Arrays through monomorphic functions.
import { multiplySlopes } from "./activation.ts";
import { forward, forwardBuffers } from "./forward.ts";
import { initialise } from "./init.ts";
import { bceCode, gradientScale, lossCode, reduceLoss } from "./loss.ts";
import type { StopReason } from "./model.ts";
import {
  biasGradient,
  emptyNetwork,
  type FlatNetwork,
  flatRows,
  passBack,
  weightGradient,
} from "./network.ts";
import { NumpyRandom } from "./numpy-random.ts";
import { adamBeta1, adamBeta2, adamStep, momentumStep, regularize, sgdStep } from "./optimizer.ts";
import type { ResolvedTrainRequest } from "./request.ts";
import { RequestError } from "./resolve.ts";

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
 * Backward pass for `rows` rows after `forward`: output error scale·(y − t), times act′ unless the
 * loss is bce (whose gradient with respect to z is already scale·(y − t)); then layer by layer
 * down, each layer's gradient and the error passed to the layer below.
 */
export function backward(
  network: FlatNetwork,
  outputs: Float64Array[],
  deltas: Float64Array[],
  targets: Float64Array,
  rows: number,
  loss: number,
  gradients: Gradients,
): void {
  const sizes = network.sizes;
  const last = sizes.length - 2;
  const outputCount = rows * (sizes[last + 1] as number);
  const scale = gradientScale(loss, outputCount);
  const y = outputs[last + 1] as Float64Array;
  const top = deltas[last] as Float64Array;
  for (let k = 0; k < outputCount; k++)
    top[k] = ((y[k] as number) - (targets[k] as number)) * scale;
  if (loss !== bceCode) multiplySlopes(network.activations[last] as number, y, top, outputCount);
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

function zerosLike(arrays: Float64Array[], needed: boolean): Float64Array[] {
  return arrays.map((array) => new Float64Array(needed ? array.length : 0));
}

function copyInto(targets: Float64Array[], sources: Float64Array[]): void {
  for (let l = 0; l < targets.length; l++)
    (targets[l] as Float64Array).set(sources[l] as Float64Array);
}

export function runTraining(request: ResolvedTrainRequest): TrainingRun {
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
  const momentumRate = training.momentum;
  const optimizer =
    training.optimizer === "adam" ? adam : training.optimizer === "momentum" ? momentum : sgd;
  const regularization = training.regularization;
  const regularized = regularization !== undefined && regularization.rate > 0;
  const l1 = regularization?.kind === "l1";
  const regularizationRate = regularization?.rate ?? 0;
  const targetLoss = training.targetLoss ?? Number.NEGATIVE_INFINITY;
  const hasBias = network.bias;

  // A batch as large as the table is the table in its own order: nothing to shuffle or gather.
  const batchSize = Math.min(training.batchSize, rows);
  const fullBatch = batchSize === rows;
  const stepsPerEpoch = Math.ceil(rows / batchSize);
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
  const firstWeights = zerosLike(network.weights, optimizer !== sgd);
  const firstBiases = zerosLike(network.biases, optimizer !== sgd);
  const secondWeights = zerosLike(network.weights, optimizer === adam);
  const secondBiases = zerosLike(network.biases, optimizer === adam);
  const order = new Int32Array(rows);
  for (let r = 0; r < rows; r++) order[r] = r;

  // History: the loss after every `stride`-th epoch (at most 199 of them), then the final one.
  const stride = Math.max(1, Math.ceil(epochs / (maxHistoryPoints - 2)));
  const historyEpochs = new Float64Array(maxHistoryPoints);
  const historyLosses = new Float64Array(maxHistoryPoints);
  let recorded = 0;

  let updates = 0;
  let beta1Power = 1;
  let beta2Power = 1;
  let stoppedBy: StopReason = "epochs";
  let completed = epochs;
  const lossTerms = rows * outputWidth;

  /** Undo the last update: the weights as they were before it, still finite. */
  const rollBack = () => {
    copyInto(network.weights, previousWeights);
    copyInto(network.biases, previousBiases);
  };

  epochLoop: for (let epoch = 1; epoch <= epochs; epoch++) {
    if (!fullBatch) random.shuffle(order);
    let lossSum = 0;
    for (let start = 0; start < rows; start += batchSize) {
      const batchRows = Math.min(batchSize, rows - start);
      if (!fullBatch) {
        for (let r = 0; r < batchRows; r++) {
          const row = order[start + r] as number;
          for (let c = 0; c < inputWidth; c++)
            batchInputs[r * inputWidth + c] = inputs[row * inputWidth + c] as number;
          for (let c = 0; c < outputWidth; c++) {
            batchTargets[r * outputWidth + c] = targets[row * outputWidth + c] as number;
          }
        }
      }
      const batchLoss = forward(network, outputs, batchRows, batchTargets, loss);
      lossSum += batchLoss;
      if (!Number.isFinite(batchLoss)) {
        stoppedBy = "diverged";
        if (updates > 0) {
          rollBack();
          updates--;
        }
        break epochLoop;
      }
      if (fullBatch) {
        // The whole table under the weights after epoch − 1 updates: exact, so the run can stop
        // at the target before spending an update.
        const epochLoss = reduceLoss(loss, lossSum, lossTerms);
        if ((epoch - 1) % stride === 0 && recorded < maxHistoryPoints - 1) {
          historyEpochs[recorded] = epoch - 1;
          historyLosses[recorded++] = epochLoss;
        }
        if (epochLoss <= targetLoss) {
          stoppedBy = "target-loss";
          break epochLoop;
        }
      }
      backward(network, outputs, deltas, batchTargets, batchRows, loss, gradients);

      if (optimizer === adam) {
        beta1Power *= adamBeta1;
        beta2Power *= adamBeta2;
      }
      let check = 0;
      for (let l = 0; l < layerCount; l++) {
        const weights = network.weights[l] as Float64Array;
        const weightGradients = gradients.weights[l] as Float64Array;
        const count = weights.length;
        if (regularized) regularize(weightGradients, weights, count, l1, regularizationRate);
        const biases = network.biases[l] as Float64Array;
        const biasGradients = gradients.biases[l] as Float64Array;
        const biasCount = hasBias ? biases.length : 0;
        if (optimizer === sgd) {
          check += sgdStep(
            weights,
            weightGradients,
            previousWeights[l] as Float64Array,
            count,
            rate,
          );
          check += sgdStep(
            biases,
            biasGradients,
            previousBiases[l] as Float64Array,
            biasCount,
            rate,
          );
        } else if (optimizer === momentum) {
          check += momentumStep(
            weights,
            weightGradients,
            firstWeights[l] as Float64Array,
            previousWeights[l] as Float64Array,
            count,
            rate,
            momentumRate,
          );
          check += momentumStep(
            biases,
            biasGradients,
            firstBiases[l] as Float64Array,
            previousBiases[l] as Float64Array,
            biasCount,
            rate,
            momentumRate,
          );
        } else {
          check += adamStep(
            weights,
            weightGradients,
            firstWeights[l] as Float64Array,
            secondWeights[l] as Float64Array,
            previousWeights[l] as Float64Array,
            count,
            rate,
            1 - beta1Power,
            1 - beta2Power,
          );
          check += adamStep(
            biases,
            biasGradients,
            firstBiases[l] as Float64Array,
            secondBiases[l] as Float64Array,
            previousBiases[l] as Float64Array,
            biasCount,
            rate,
            1 - beta1Power,
            1 - beta2Power,
          );
        }
      }
      if (!Number.isFinite(check)) {
        stoppedBy = "diverged";
        rollBack();
        break epochLoop;
      }
      updates++;
    }
    if (!fullBatch) {
      // Mini-batches: the loss seen while running the epoch, each row under the weights of its turn.
      const epochLoss = reduceLoss(loss, lossSum, lossTerms);
      if ((epoch - 1) % stride === 0 && recorded < maxHistoryPoints - 1) {
        historyEpochs[recorded] = epoch - 1;
        historyLosses[recorded++] = epochLoss;
      }
      if (epochLoss <= targetLoss) {
        stoppedBy = "target-loss";
        updates = epoch * stepsPerEpoch;
        break;
      }
    }
  }
  if (stoppedBy !== "epochs") completed = Math.floor(updates / stepsPerEpoch);

  // The returned weights over the whole table, in table order.
  const finalOutputs = forwardBuffers(network, inputs, rows);
  let finalLoss = reduceLoss(loss, forward(network, finalOutputs, rows, targets, loss), lossTerms);
  if (!Number.isFinite(finalLoss)) {
    // Only a diverged mini-batch run gets here: its last finite weights still overflow on some
    // rows, so it hands back the initial weights, whose loss is finite for any sane table.
    initialise(network, training.init, new NumpyRandom(training.seed));
    completed = 0;
    finalLoss = reduceLoss(loss, forward(network, finalOutputs, rows, targets, loss), lossTerms);
    if (!Number.isFinite(finalLoss)) {
      throw new RequestError([
        { path: "table", message: "the loss overflows with these values even before training" },
      ]);
    }
  }

  const history: [number, number][] = [];
  for (let k = 0; k < recorded; k++) {
    const epoch = historyEpochs[k] as number;
    if (epoch < completed) history.push([epoch, historyLosses[k] as number]);
  }
  history.push([completed, finalLoss]);

  return {
    network,
    epochs: completed,
    stoppedBy,
    history,
    loss: finalLoss,
    predictions: finalOutputs[layerCount] as Float64Array,
  };
}
