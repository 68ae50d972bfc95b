// The forward pass over a block of rows, shared by training, the final evaluation and `predict`,
// so that a prediction is bit for bit what training saw.
import { activateAll } from "./activation.ts";
import { bceCode, crossEntropyTerm } from "./loss.ts";
import { type FlatNetwork, linearLayer } from "./network.ts";

/** No targets: `forward` computes outputs only. */
export const noLoss = -1;

/**
 * outputs[0] holds `rows` input rows; fills outputs[1…L] with each layer's activations and returns
 * the raw loss sum Σ(y−t)² (sse, mse) or Σ bce terms (from z, before the sigmoid) against
 * `targets`, or 0 with `noLoss`.
 */
export function forward(
  network: FlatNetwork,
  outputs: Float64Array[],
  rows: number,
  targets: Float64Array,
  loss: number,
): number {
  const sizes = network.sizes;
  const last = sizes.length - 2;
  let lossSum = 0;
  for (let l = 0; l <= last; l++) {
    const fanOut = sizes[l + 1] as number;
    const output = outputs[l + 1] as Float64Array;
    const count = rows * fanOut;
    linearLayer(
      outputs[l] as Float64Array,
      rows,
      sizes[l] as number,
      network.weights[l] as Float64Array,
      network.biases[l] as Float64Array,
      network.bias,
      fanOut,
      output,
    );
    if (l === last && loss === bceCode) {
      for (let k = 0; k < count; k++)
        lossSum += crossEntropyTerm(output[k] as number, targets[k] as number);
    }
    activateAll(network.activations[l] as number, output, count);
    if (l === last && loss !== bceCode && loss !== noLoss) {
      for (let k = 0; k < count; k++) {
        const error = (output[k] as number) - (targets[k] as number);
        lossSum += error * error;
      }
    }
  }
  return lossSum;
}

/** Buffers for `forward` over `rows` rows: outputs[0] is `inputs` itself, then one per layer. */
export function forwardBuffers(
  network: FlatNetwork,
  inputs: Float64Array,
  rows: number,
): Float64Array[] {
  return [inputs, ...network.sizes.slice(1).map((units) => new Float64Array(rows * units))];
}
