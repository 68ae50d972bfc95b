// The training loop, written once: every optimizer, full batch or mini-batches, any depth. It
// allocates nothing; it reads and writes the arrays `Setup` made before the first epoch. Each
// layer's work is one call of a kernel in kernels/products.ts.
import { gradientScale, reduceLoss } from "../kernels/loss.ts";
import { outputLayer } from "../kernels/output-layer.ts";
import {
  biasGradient,
  denseLayer,
  linearLayer,
  passBackWithSlopes,
  weightGradient,
} from "../kernels/products.ts";
import type { Outcome, Setup, TrainingLayer } from "./setup.ts";
import { diverged, update } from "./update.ts";

/** How `runEpochs` stopped: small integers, so the hot loop returns without building an object. */
const ranOut = 0;
const reachedTarget = 1;
const overflowed = 2;

/**
 * Epochs `setup.epoch` … `setup.lastEpoch − 1`. With the whole table as one batch, each
 * epoch's loss is that of the weights after the epochs before it (exact, so the run stops at its
 * target before spending an update); with mini-batches it is the loss seen while running the
 * epoch, each row under the weights of its turn, and the rows are shuffled every epoch.
 *
 * The outcome's `updates` counts every update of this setup, in this call and those before it.
 * After every planned epoch the setup says where it is (`epoch`, `updates`), so raising
 * `lastEpoch` and calling again goes on exactly as one longer call would have. It stops early,
 * mid-epoch and for good, once the setup's `updates` reach `updateLimit` (reported as "epochs").
 */
export function trainEpochs(setup: Setup): Outcome {
  const stop = runEpochs(setup);
  if (stop === overflowed) return diverged(setup, setup.updates);
  return { stoppedBy: stop === reachedTarget ? "target-loss" : "epochs", updates: setup.updates };
}

/**
 * The loop itself: a batch's forward pass (to the loss and the output error), its backward pass
 * (to every layer's gradients) and the update, as the Playground's `oneStep`. The passes are
 * written here, over the layers by index, not as two functions looping over the layers' objects:
 * the tiny networks, where a batch's work is mostly its calls, ran 13–15% faster so (the
 * notebook's 3-1; xor 5–20%, the larger tasks the same; docs/core.md, "Speed").
 *
 * It keeps `setup.epoch` and `setup.updates` up to date as it goes, rather than once after the
 * loop: V8 compiles the loop while it runs, before any code after it has run, and a property
 * store it has never seen run is compiled as a bail-out to the interpreter, which the end of
 * every run then paid.
 */
function runEpochs(setup: Setup): number {
  const { inputs, targets, batchInputs, batchTargets, batchSize, fullBatch, rows, order } = setup;
  const { loss, targetLoss, history, random, hasBias, hidden, downward, top } = setup;
  const inputWidth = setup.network.inputs;
  const outputWidth = setup.network.outputs;
  const lossTerms = rows * outputWidth;
  const updateLimit = setup.updateLimit;
  for (let epoch = setup.epoch; epoch < setup.lastEpoch; epoch++) {
    if (!fullBatch) random.shuffle(order);
    let lossSum = 0;
    for (let start = 0; start < rows; start += batchSize) {
      const batchRows = Math.min(batchSize, rows - start);
      if (!fullBatch) {
        for (let r = 0; r < batchRows; r++) {
          const row = order[start + r] as number;
          for (let c = 0; c < inputWidth; c++)
            batchInputs[r * inputWidth + c] = inputs[row * inputWidth + c] as number;
          for (let c = 0; c < outputWidth; c++)
            batchTargets[r * outputWidth + c] = targets[row * outputWidth + c] as number;
        }
      }

      // Forward: every layer's activations in its `output`, the output layer's error ∂L/∂z in
      // its `delta`, the batch's raw loss sum in `setup.lossSum[0]` (see `outputLayer`).
      for (let l = 0; l < hidden.length; l++) {
        const layer = hidden[l] as TrainingLayer;
        const { input, fanIn, weights, biases, fanOut, output, activation } = layer;
        denseLayer(input, batchRows, fanIn, weights, biases, hasBias, fanOut, output, activation);
      }
      linearLayer(
        top.input,
        batchRows,
        top.fanIn,
        top.weights,
        top.biases,
        hasBias,
        top.fanOut,
        top.output,
      );
      const count = batchRows * outputWidth;
      const scale = gradientScale(loss, count);
      outputLayer(
        top.activation,
        loss,
        top.output,
        batchTargets,
        count,
        scale,
        top.delta,
        setup.lossSum,
        setup.sigmoids,
      );
      const batchLoss = setup.lossSum[0] as number;
      if (!Number.isFinite(batchLoss)) return overflowed;
      lossSum += batchLoss;
      if (fullBatch) {
        const epochLoss = reduceLoss(loss, lossSum, lossTerms);
        history.record(epoch, epochLoss);
        if (epochLoss <= targetLoss) return reachedTarget;
      }

      // Backward, top layer first: each layer's weight and bias gradients, and the error passed
      // to the layer below (times its act′).
      for (let l = 0; l < downward.length; l++) {
        const layer = downward[l] as TrainingLayer;
        const { input, delta, fanIn, fanOut, weights, below } = layer;
        if (below.length > 0)
          passBackWithSlopes(
            delta,
            batchRows,
            fanIn,
            weights,
            fanOut,
            below,
            input,
            layer.belowActivation,
          );
        weightGradient(input, delta, batchRows, fanIn, fanOut, layer.weightGradient);
        if (hasBias) biasGradient(delta, batchRows, fanOut, layer.biasGradient);
      }

      const updates = setup.updates + 1;
      setup.updates = updates;
      if (!update(setup)) return overflowed;
      if (updates === updateLimit) return ranOut;
    }
    if (!fullBatch) {
      const epochLoss = reduceLoss(loss, lossSum, lossTerms);
      history.record(epoch, epochLoss);
      if (epochLoss <= targetLoss) return reachedTarget;
    }
    setup.epoch = epoch + 1;
  }
  return ranOut;
}
