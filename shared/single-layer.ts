// Plain full-batch sgd for a network with no hidden layer (the notebook, and, or, majority…): the
// whole epoch in one small function, the way one would write it by hand for this one shape. The
// same arithmetic in the same order as the general loop (test/core checks the bits agree).
import { activate, sigmoidCode, slopeAt } from "./activation.ts";
import { exp } from "./exp.ts";
import { bceCode, crossEntropyTerm, gradientScale, reduceLoss } from "./loss.ts";
import type { FlatNetwork } from "./network.ts";

/** How a run ended: the reason, and how many updates its weights have had. */
export type Outcome = { stoppedBy: "epochs" | "target-loss" | "diverged"; updates: number };

/** Keeps the loss after some epochs (see History in training.ts). */
export type LossRecorder = { record(epoch: number, loss: number): void };

export function singleLayerSgd(
  network: FlatNetwork,
  inputs: Float64Array,
  targets: Float64Array,
  rows: number,
  loss: number,
  epochs: number,
  rate: number,
  targetLoss: number,
  errors: Float64Array,
  previousWeights: Float64Array,
  previousBiases: Float64Array,
  history: LossRecorder,
): Outcome {
  const fanIn = network.sizes[0] as number;
  const fanOut = network.sizes[1] as number;
  const weights = network.weights[0] as Float64Array;
  const biases = network.biases[0] as Float64Array;
  const hasBias = network.bias;
  const code = network.activations[0] as number;
  const terms = rows * fanOut;
  const scale = gradientScale(loss, terms);
  const bce = loss === bceCode;
  let updates = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    // Forward, loss and output error, row by row (as linearLayer then outputLayer).
    let lossSum = 0;
    for (let r = 0; r < rows; r++) {
      const inputAt = r * fanIn;
      const outputAt = r * fanOut;
      for (let j = 0; j < fanOut; j++) {
        let sum = 0;
        for (let i = 0; i < fanIn; i++) {
          sum += (inputs[inputAt + i] as number) * (weights[i * fanOut + j] as number);
        }
        const z = hasBias ? sum + (biases[j] as number) : sum;
        const t = targets[outputAt + j] as number;
        if (bce) {
          lossSum += crossEntropyTerm(z, t);
          errors[outputAt + j] = (1 / (1 + exp(-z)) - t) * scale;
        } else if (code === sigmoidCode) {
          const y = 1 / (1 + exp(-z));
          const error = y - t;
          lossSum += error * error;
          errors[outputAt + j] = error * scale * (y * (1 - y));
        } else {
          const y = activate(code, z);
          const error = y - t;
          lossSum += error * error;
          errors[outputAt + j] = error * scale * slopeAt(code, y);
        }
      }
    }
    const epochLoss = reduceLoss(loss, lossSum, terms);
    if (!Number.isFinite(epochLoss)) {
      if (updates > 0) {
        weights.set(previousWeights);
        biases.set(previousBiases);
        updates--;
      }
      return { stoppedBy: "diverged", updates };
    }
    history.record(epoch, epochLoss);
    if (epochLoss <= targetLoss) return { stoppedBy: "target-loss", updates };

    // Each gradient summed over the rows in order, then straight into its weight.
    let check = 0;
    for (let i = 0; i < fanIn; i++) {
      for (let j = 0; j < fanOut; j++) {
        let sum = 0;
        for (let r = 0; r < rows; r++) {
          sum += (inputs[r * fanIn + i] as number) * (errors[r * fanOut + j] as number);
        }
        const k = i * fanOut + j;
        const old = weights[k] as number;
        previousWeights[k] = old;
        const next = old - rate * sum;
        weights[k] = next;
        check += next;
      }
    }
    if (hasBias) {
      for (let j = 0; j < fanOut; j++) {
        let sum = 0;
        for (let r = 0; r < rows; r++) sum += errors[r * fanOut + j] as number;
        const old = biases[j] as number;
        previousBiases[j] = old;
        const next = old - rate * sum;
        biases[j] = next;
        check += next;
      }
    }
    if (!Number.isFinite(check)) {
      weights.set(previousWeights);
      biases.set(previousBiases);
      return { stoppedBy: "diverged", updates };
    }
    updates++;
  }
  return { stoppedBy: "epochs", updates };
}
