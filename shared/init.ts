// Initial weights, drawn from numpy's legacy generator in the order numpy would draw them.
import type { FlatNetwork } from "./network.ts";
import type { NumpyRandom } from "./numpy-random.ts";
import type { InitName } from "./request.ts";

/**
 * For each layer in order, row-major over W[i, j]:
 * - uniform: `W = 2*random((fanIn, fanOut)) - 1`, then with bias `b = 2*random((1, fanOut)) - 1`;
 * - xavier: `W = (2*random((fanIn, fanOut)) - 1) * sqrt(6 / (fanIn + fanOut))`, b = 0;
 * - he: `W = (2*random((fanIn, fanOut)) - 1) * sqrt(6 / fanIn)`, b = 0.
 */
export function initialise(network: FlatNetwork, init: InitName, random: NumpyRandom): void {
  network.weights.forEach((weights, l) => {
    const fanIn = network.sizes[l] as number;
    const fanOut = network.sizes[l + 1] as number;
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
    const biases = network.biases[l] as Float64Array;
    if (init === "uniform" && network.bias) {
      for (let j = 0; j < fanOut; j++) biases[j] = 2 * random.random() - 1;
    } else {
      biases.fill(0);
    }
  });
}
