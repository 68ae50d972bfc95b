// The forward pass over a block of rows, shared by the final evaluation of a run and `predict`,
// with the same kernels as training, so a prediction is bit for bit what training saw.
import { activate } from "../kernels/activation.ts";
import { bceCode, crossEntropyTerm } from "../kernels/loss.ts";
import { denseLayer, linearLayer } from "../kernels/products.ts";
import type { FlatNetwork, NetworkLayer } from "./network.ts";

/** No targets: `forward` computes outputs only. */
export const noLoss = -1;

/** A layer with the buffers it reads and writes (`input` is the layer below's `output`). */
export type ForwardLayer = NetworkLayer & { input: Float64Array; output: Float64Array };

/** The layers of one network over up to `rows` rows, built once: the hidden ones, then the top. */
export type ForwardPass = { hidden: ForwardLayer[]; top: ForwardLayer; hasBias: boolean };

/** Buffers for `forward` over `rows` rows of `inputs` (read in place, never written). */
export function forwardPass(network: FlatNetwork, inputs: Float64Array, rows: number): ForwardPass {
  let input = inputs;
  const layers = network.layers.map((layer): ForwardLayer => {
    const output = new Float64Array(rows * layer.fanOut);
    const view = { ...layer, input, output };
    input = output;
    return view;
  });
  const top = layers.pop();
  if (!top) throw new Error("a network has at least one weight layer");
  return { hidden: layers, top, hasBias: network.hasBias };
}

/**
 * Fills every layer's output for `rows` rows and returns the raw loss sum Σ(y−t)² (sse, mse) or
 * Σ bce terms (from z, before the sigmoid) against `targets`, or 0 with `noLoss`.
 */
export function forward(
  pass: ForwardPass,
  rows: number,
  targets: Float64Array,
  loss: number,
): number {
  const hasBias = pass.hasBias;
  for (const { input, fanIn, weights, biases, fanOut, output, activation } of pass.hidden)
    denseLayer(input, rows, fanIn, weights, biases, hasBias, fanOut, output, activation);
  const { input, fanIn, weights, biases, fanOut, output, activation } = pass.top;
  linearLayer(input, rows, fanIn, weights, biases, hasBias, fanOut, output);
  const count = rows * fanOut;
  let lossSum = 0;
  for (let k = 0; k < count; k++) {
    const z = output[k] as number;
    const y = activate(activation, z);
    output[k] = y;
    if (loss === bceCode) lossSum += crossEntropyTerm(z, targets[k] as number);
    else if (loss !== noLoss) {
      const error = y - (targets[k] as number);
      lossSum += error * error;
    }
  }
  return lossSum;
}
