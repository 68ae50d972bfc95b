// Every layer's activations for many input rows in one batched forward pass: the page draws a
// map of each hidden unit (and of the output) over a grid of inputs from one call per frame.
import type { Model } from "../schemas/model.ts";
import { forward, forwardPass, noLoss } from "./forward.ts";
import { networkFromModel } from "./network.ts";

/**
 * `inputs` holds `rows` rows of the model's input width, row-major. Returns one array per layer
 * after the inputs (hidden layers, then the output), each rows × units, row-major: the same
 * numbers `predict` computes for those rows.
 */
export function layerOutputs(model: Model, inputs: Float64Array, rows: number): Float64Array[] {
  const pass = forwardPass(networkFromModel(model), inputs, rows);
  forward(pass, rows, new Float64Array(0), noLoss);
  return [...pass.hidden.map((layer) => layer.output), pass.top.output];
}
