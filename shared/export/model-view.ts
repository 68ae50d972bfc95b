// What every exporter needs to know about a model, read the way `predict` reads it, so that an
// export computes exactly what the API computes.
import type { Model } from "../model.ts";
import { networkFromModel } from "../network.ts";
import type { Activation } from "../request.ts";

export type ExportLayer = {
  fanIn: number;
  fanOut: number;
  /** fanIn rows of fanOut: `weights[i][j]` joins input i to unit j. */
  weights: number[][];
  /** Added after the sum; null when the network has no bias at all. */
  bias: number[] | null;
  activation: Activation;
};

export type ExportView = {
  layers: ExportLayer[];
  inputs: number;
  outputs: number;
  inputNames: string[];
  outputNames: string[];
  /** The model's name as its request gave it, or "" when it has none. */
  name: string;
  /** The table's first input row: the example a usage snippet calls with. */
  example: number[];
};

/** Who made the file: the stored model's id and the product's version. */
export type ExportInfo = { id: string; version: string };

export function exportView(model: Model): ExportView {
  const network = networkFromModel(model);
  const layers = network.weights.map((flat, l): ExportLayer => {
    const fanIn = network.sizes[l] as number;
    const fanOut = network.sizes[l + 1] as number;
    const weights: number[][] = [];
    for (let i = 0; i < fanIn; i++)
      weights.push(Array.from(flat.subarray(i * fanOut, (i + 1) * fanOut)));
    return {
      fanIn,
      fanOut,
      weights,
      // As `forward`: a network with bias adds each layer's (zeros for a layer stored without).
      bias: network.bias ? Array.from(network.biases[l] as Float64Array) : null,
      activation: network.activationNames[l] as Activation,
    };
  });
  const inputs = network.sizes[0] as number;
  const outputs = network.sizes[network.sizes.length - 1] as number;
  const table = model.request.table;
  return {
    layers,
    inputs,
    outputs,
    inputNames: table.inputNames ?? numbered("x", inputs),
    outputNames: table.outputNames ?? numbered("y", outputs),
    name: requestName(model),
    example: table.inputs[0] ?? [],
  };
}

const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, k) => `${prefix}${k + 1}`);

/**
 * The request's `name`. The schema keeps it, but its cross-field check types the output without
 * it, so it is read here as what it may be.
 */
function requestName(model: Model): string {
  const name = (model.request as { name?: unknown }).name;
  return typeof name === "string" ? name : "";
}
