// One training step's two passes over a batch: forward to the loss and the output error, then
// backward to every layer's gradients. Each layer is one call of a kernel in kernels/products.ts.
import { gradientScale } from "../kernels/loss.ts";
import { outputLayer } from "../kernels/output-layer.ts";
import {
  biasGradient,
  denseLayer,
  linearLayer,
  passBackWithSlopes,
  weightGradient,
} from "../kernels/products.ts";
import type { Setup } from "./setup.ts";

/**
 * The forward pass over the batch's first `rows` rows: every layer's activations in its `output`,
 * the output layer's error ∂L/∂z in its `delta`, the raw loss sum in `setup.lossSum[0]` (see
 * `outputLayer`).
 */
export function forwardWithError(setup: Setup, rows: number, targets: Float64Array): void {
  const hasBias = setup.hasBias;
  for (const { input, fanIn, weights, biases, fanOut, output, activation } of setup.hidden)
    denseLayer(input, rows, fanIn, weights, biases, hasBias, fanOut, output, activation);
  const { input, fanIn, weights, biases, fanOut, output, activation, delta } = setup.top;
  linearLayer(input, rows, fanIn, weights, biases, hasBias, fanOut, output);
  const count = rows * fanOut;
  const loss = setup.loss;
  const scale = gradientScale(loss, count);
  outputLayer(activation, loss, output, targets, count, scale, delta, setup.lossSum);
}

/**
 * The backward pass from the output error `forwardWithError` left: layer by layer down, each
 * layer's weight and bias gradients, and the error passed to the layer below (times its act′).
 */
export function backward(setup: Setup, rows: number): void {
  const hasBias = setup.hasBias;
  for (const layer of setup.downward) {
    const { input, delta, fanIn, fanOut, weights } = layer;
    if (layer.below.length > 0)
      passBackWithSlopes(
        delta,
        rows,
        fanIn,
        weights,
        fanOut,
        layer.below,
        input,
        layer.belowActivation,
      );
    weightGradient(input, delta, rows, fanIn, fanOut, layer.weightGradient);
    if (hasBias) biasGradient(delta, rows, fanOut, layer.biasGradient);
  }
}
