// Initial weights, drawn from numpy's legacy generator in the order numpy would draw them.
import type { InitName } from "../schemas/request.ts";
import type { NumpyRandom } from "./numpy-random.ts";

/** What `initialise` fills: one weight layer, fanIn × fanOut weights row-major, fanOut biases. */
export type InitialisedLayer = {
  fanIn: number;
  fanOut: number;
  weights: Float64Array;
  biases: Float64Array;
};

/**
 * For each layer in order, row-major over W[i, j]:
 * - uniform: `W = 2*random((fanIn, fanOut)) - 1`, then with bias `b = 2*random((1, fanOut)) - 1`;
 * - xavier: `W = (2*random((fanIn, fanOut)) - 1) * sqrt(6 / (fanIn + fanOut))`, b = 0;
 * - he: `W = (2*random((fanIn, fanOut)) - 1) * sqrt(6 / fanIn)`, b = 0.
 */
export function initialise(
  layers: readonly InitialisedLayer[],
  hasBias: boolean,
  init: InitName,
  random: NumpyRandom,
): void {
  for (const { fanIn, fanOut, weights, biases } of layers) {
    const scale =
      init === "xavier"
        ? Math.sqrt(6 / (fanIn + fanOut))
        : init === "he"
          ? Math.sqrt(6 / fanIn)
          : 1;
    for (let k = 0; k < weights.length; k++) {
      const draw = 2 * random.random() - 1;
      weights[k] = init === "uniform" ? draw : draw * scale;
    }
    if (init === "uniform" && hasBias) {
      for (let j = 0; j < fanOut; j++) biases[j] = 2 * random.random() - 1;
    } else {
      biases.fill(0);
    }
  }
}
