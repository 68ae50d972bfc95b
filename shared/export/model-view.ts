// What every exporter needs to know about a model, read the way `predict` reads it, so that an
// export computes exactly what the API computes.
import type { Model } from "../schemas/model.ts";
import type { Activation } from "../schemas/request.ts";

export type ExportLayer = {
  fanIn: number;
  fanOut: number;
  /** fanIn rows of fanOut: `weights[i][j]` joins input i to unit j (the model's own arrays). */
  weights: readonly (readonly number[])[];
  /** Added after the sum; null when the network has no bias at all. */
  bias: readonly number[] | null;
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
  // As `networkFromModel` (training/network.ts) reads a model for `forward`: a network has bias when any layer has, and
  // then a layer stored without adds zeros (the same values as adding nothing, but the same code).
  const hasBias = model.layers.some((layer) => layer.bias !== null);
  const layers = model.layers.map((layer): ExportLayer => {
    const fanIn = layer.weights.length;
    const fanOut = layer.weights[0]?.length ?? 0;
    return {
      fanIn,
      fanOut,
      weights: layer.weights,
      bias: hasBias ? (layer.bias ?? new Array<number>(fanOut).fill(0)) : null,
      activation: layer.activation,
    };
  });
  const inputs = layers[0]?.fanIn ?? 0;
  const outputs = layers[layers.length - 1]?.fanOut ?? 0;
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
