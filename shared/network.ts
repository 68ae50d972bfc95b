// A network as flat Float64Arrays: layer l's weights are fanIn × fanOut, row-major, so
// `weights[i * fanOut + j]` joins input i to unit j (numpy's `W[i, j]`).
import { activationCode } from "./activation.ts";
import type { Layer, Model } from "./model.ts";
import type { Activation, ResolvedTrainRequest } from "./request.ts";

export type FlatNetwork = {
  /** Units per layer, inputs first: [inputs, hidden…, outputs]. */
  sizes: number[];
  /** Activation code of each weight layer. */
  activations: Int32Array;
  activationNames: Activation[];
  weights: Float64Array[];
  /** Zeros, never trained, when the network has no bias (so the loops stay the same shape). */
  biases: Float64Array[];
  bias: boolean;
};

/** An untrained network of the request's shape: every weight and bias 0. */
export function emptyNetwork(request: ResolvedTrainRequest): FlatNetwork {
  const inputs = request.table.inputs[0]?.length ?? 0;
  const outputs = request.table.targets[0]?.length ?? 0;
  const sizes = [inputs, ...request.network.hidden.map((layer) => layer.units), outputs];
  const activationNames = [
    ...request.network.hidden.map((layer) => layer.activation),
    request.network.output,
  ];
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    weights.push(new Float64Array((sizes[l] as number) * (sizes[l + 1] as number)));
    biases.push(new Float64Array(sizes[l + 1] as number));
  }
  return {
    sizes,
    activations: Int32Array.from(activationNames, (name) => activationCode[name]),
    activationNames,
    weights,
    biases,
    bias: request.network.bias,
  };
}

export function networkFromModel(model: Model): FlatNetwork {
  const sizes = [
    model.layers[0]?.weights.length ?? 0,
    ...model.layers.map((l) => l.weights[0]?.length ?? 0),
  ];
  return {
    sizes,
    activations: Int32Array.from(model.layers, (layer) => activationCode[layer.activation]),
    activationNames: model.layers.map((layer) => layer.activation),
    weights: model.layers.map((layer) => Float64Array.from(layer.weights.flat())),
    biases: model.layers.map((layer, l) =>
      layer.bias ? Float64Array.from(layer.bias) : new Float64Array(sizes[l + 1] as number),
    ),
    // A layer without bias among layers with one adds zeros: the same values.
    bias: model.layers.some((layer) => layer.bias !== null),
  };
}

/** The model's JSON layers: weights as fanIn rows of fanOut numbers. */
export function layersOf(network: FlatNetwork): Layer[] {
  return network.weights.map((weights, l) => {
    const fanIn = network.sizes[l] as number;
    const fanOut = network.sizes[l + 1] as number;
    const rows: number[][] = [];
    for (let i = 0; i < fanIn; i++)
      rows.push(Array.from(weights.subarray(i * fanOut, (i + 1) * fanOut)));
    return {
      activation: network.activationNames[l] as Activation,
      weights: rows,
      bias: network.bias ? Array.from(network.biases[l] as Float64Array) : null,
    };
  });
}

/** A table's rows as one flat row-major array. */
export function flatRows(rows: readonly (readonly number[])[], width: number): Float64Array {
  const flat = new Float64Array(rows.length * width);
  rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) flat[r * width + c] = row[c] as number;
  });
  return flat;
}

// The three products below keep four independent sums going at once (four rows, or four
// units), so the adds overlap instead of waiting on each other; each sum still runs over its
// terms in order from 0, so the result is bit for bit that of the plain loop.

/**
 * z = x·W (+ b) for `rows` rows: each dot product summed from i = 0 upwards, then the bias added,
 * as numpy's `x @ W + b`.
 */
export function linearLayer(
  input: Float64Array,
  rows: number,
  fanIn: number,
  weights: Float64Array,
  biases: Float64Array,
  hasBias: boolean,
  fanOut: number,
  output: Float64Array,
): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const at0 = r * fanIn;
    const at1 = at0 + fanIn;
    const at2 = at1 + fanIn;
    const at3 = at2 + fanIn;
    const out = r * fanOut;
    for (let j = 0; j < fanOut; j++) {
      let sum0 = 0;
      let sum1 = 0;
      let sum2 = 0;
      let sum3 = 0;
      for (let i = 0; i < fanIn; i++) {
        const w = weights[i * fanOut + j] as number;
        sum0 += (input[at0 + i] as number) * w;
        sum1 += (input[at1 + i] as number) * w;
        sum2 += (input[at2 + i] as number) * w;
        sum3 += (input[at3 + i] as number) * w;
      }
      if (hasBias) {
        const b = biases[j] as number;
        sum0 += b;
        sum1 += b;
        sum2 += b;
        sum3 += b;
      }
      output[out + j] = sum0;
      output[out + fanOut + j] = sum1;
      output[out + 2 * fanOut + j] = sum2;
      output[out + 3 * fanOut + j] = sum3;
    }
  }
  for (; r < rows; r++) {
    const inputAt = r * fanIn;
    const outputAt = r * fanOut;
    for (let j = 0; j < fanOut; j++) {
      let sum = 0;
      for (let i = 0; i < fanIn; i++)
        sum += (input[inputAt + i] as number) * (weights[i * fanOut + j] as number);
      output[outputAt + j] = hasBias ? sum + (biases[j] as number) : sum;
    }
  }
}

/** The error passed back to the layer below: below[r, i] = Σ_j delta[r, j]·W[i, j] (times act′ later). */
export function passBack(
  deltas: Float64Array,
  rows: number,
  fanIn: number,
  weights: Float64Array,
  fanOut: number,
  below: Float64Array,
): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const at0 = r * fanOut;
    const at1 = at0 + fanOut;
    const at2 = at1 + fanOut;
    const at3 = at2 + fanOut;
    const out = r * fanIn;
    for (let i = 0; i < fanIn; i++) {
      const weightAt = i * fanOut;
      let sum0 = 0;
      let sum1 = 0;
      let sum2 = 0;
      let sum3 = 0;
      for (let j = 0; j < fanOut; j++) {
        const w = weights[weightAt + j] as number;
        sum0 += (deltas[at0 + j] as number) * w;
        sum1 += (deltas[at1 + j] as number) * w;
        sum2 += (deltas[at2 + j] as number) * w;
        sum3 += (deltas[at3 + j] as number) * w;
      }
      below[out + i] = sum0;
      below[out + fanIn + i] = sum1;
      below[out + 2 * fanIn + i] = sum2;
      below[out + 3 * fanIn + i] = sum3;
    }
  }
  for (; r < rows; r++) {
    const deltaAt = r * fanOut;
    const belowAt = r * fanIn;
    for (let i = 0; i < fanIn; i++) {
      const weightAt = i * fanOut;
      let sum = 0;
      for (let j = 0; j < fanOut; j++)
        sum += (deltas[deltaAt + j] as number) * (weights[weightAt + j] as number);
      below[belowAt + i] = sum;
    }
  }
}

/** ∂L/∂W[i, j] = Σ_r x[r, i]·delta[r, j], rows summed in order (numpy's `x.T @ delta`). */
export function weightGradient(
  input: Float64Array,
  deltas: Float64Array,
  rows: number,
  fanIn: number,
  fanOut: number,
  gradient: Float64Array,
): void {
  let i = 0;
  for (; i + 4 <= fanIn; i += 4) {
    for (let j = 0; j < fanOut; j++) {
      let sum0 = 0;
      let sum1 = 0;
      let sum2 = 0;
      let sum3 = 0;
      for (let r = 0; r < rows; r++) {
        const d = deltas[r * fanOut + j] as number;
        const at = r * fanIn + i;
        sum0 += (input[at] as number) * d;
        sum1 += (input[at + 1] as number) * d;
        sum2 += (input[at + 2] as number) * d;
        sum3 += (input[at + 3] as number) * d;
      }
      gradient[i * fanOut + j] = sum0;
      gradient[(i + 1) * fanOut + j] = sum1;
      gradient[(i + 2) * fanOut + j] = sum2;
      gradient[(i + 3) * fanOut + j] = sum3;
    }
  }
  for (; i < fanIn; i++) {
    for (let j = 0; j < fanOut; j++) {
      let sum = 0;
      for (let r = 0; r < rows; r++)
        sum += (input[r * fanIn + i] as number) * (deltas[r * fanOut + j] as number);
      gradient[i * fanOut + j] = sum;
    }
  }
}

/** ∂L/∂b[j] = Σ_r delta[r, j], rows summed in order. */
export function biasGradient(
  deltas: Float64Array,
  rows: number,
  fanOut: number,
  gradient: Float64Array,
): void {
  for (let j = 0; j < fanOut; j++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += deltas[r * fanOut + j] as number;
    gradient[j] = sum;
  }
}
