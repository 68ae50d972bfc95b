// A network as flat Float64Arrays, one view per weight layer: layer l's weights are fanIn × fanOut,
// row-major, so `weights[i * fanOut + j]` joins input i to unit j (numpy's `W[i, j]`).
import { activationCode } from "../kernels/activation.ts";
import type { Layer, Model } from "../schemas/model.ts";
import type { Activation, ResolvedTrainRequest } from "../schemas/request.ts";

/** One weight layer, built once per run: the loops read its sizes and arrays from here. */
export type NetworkLayer = {
  fanIn: number;
  fanOut: number;
  /** Activation code (kernels/activation.ts). */
  activation: number;
  activationName: Activation;
  weights: Float64Array;
  /** Zeros, never trained, when the network has no bias (so the loops stay the same shape). */
  biases: Float64Array;
};

export type FlatNetwork = {
  layers: NetworkLayer[];
  hasBias: boolean;
  inputs: number;
  outputs: number;
};

function network(
  sizes: readonly number[],
  names: readonly Activation[],
  hasBias: boolean,
  weightsOf: (l: number, size: number) => Float64Array,
  biasesOf: (l: number, size: number) => Float64Array,
): FlatNetwork {
  const layers = names.map((activationName, l): NetworkLayer => {
    const fanIn = sizes[l] ?? 0;
    const fanOut = sizes[l + 1] ?? 0;
    return {
      fanIn,
      fanOut,
      activation: activationCode[activationName],
      activationName,
      weights: weightsOf(l, fanIn * fanOut),
      biases: biasesOf(l, fanOut),
    };
  });
  return { layers, hasBias, inputs: sizes[0] ?? 0, outputs: sizes[sizes.length - 1] ?? 0 };
}

/** An untrained network of the request's shape: every weight and bias 0. */
export function emptyNetwork(request: ResolvedTrainRequest): FlatNetwork {
  const inputs = request.table.inputs[0]?.length ?? 0;
  const outputs = request.table.targets[0]?.length ?? 0;
  const hidden = request.network.hidden;
  return network(
    [inputs, ...hidden.map((layer) => layer.units), outputs],
    [...hidden.map((layer) => layer.activation), request.network.output],
    request.network.bias,
    (_, size) => new Float64Array(size),
    (_, size) => new Float64Array(size),
  );
}

export function networkFromModel(model: Model): FlatNetwork {
  const layers = model.layers;
  return network(
    [layers[0]?.weights.length ?? 0, ...layers.map((layer) => layer.weights[0]?.length ?? 0)],
    layers.map((layer) => layer.activation),
    // A layer without bias among layers with one adds zeros: the same values.
    layers.some((layer) => layer.bias !== null),
    (l) => Float64Array.from(layers[l]?.weights.flat() ?? []),
    (l, size) => {
      const bias = layers[l]?.bias;
      return bias ? Float64Array.from(bias) : new Float64Array(size);
    },
  );
}

/** The model's JSON layers: weights as fanIn rows of fanOut numbers. */
export function layersOf(network: FlatNetwork): Layer[] {
  return network.layers.map(({ fanIn, fanOut, weights, biases, activationName }) => {
    return {
      activation: activationName,
      weights: nestedRows(weights, fanIn, fanOut),
      bias: network.hasBias ? Array.from(biases) : null,
    };
  });
}

/**
 * The first `rows` rows of a flat row-major array, as plain arrays of `width` numbers: what JSON
 * answers hold. (Copied value by value: `Array.from(flat.subarray(…))` makes a typed-array view
 * per row, which took longer than the whole epoch of a 256-row table.)
 */
export function nestedRows(flat: Float64Array, rows: number, width: number): number[][] {
  const nested: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < width; c++) row.push(flat[r * width + c] as number);
    nested.push(row);
  }
  return nested;
}

/** A table's rows as one flat row-major array. */
export function flatRows(rows: readonly (readonly number[])[], width: number): Float64Array {
  const flat = new Float64Array(rows.length * width);
  rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) flat[r * width + c] = row[c] as number;
  });
  return flat;
}
