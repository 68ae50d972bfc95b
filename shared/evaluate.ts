// A model's loss, outputs and accuracy over its own table, through the final pass `train` makes,
// so that any epoch of a run shown in the page reads exactly as `train` would report it.

import { forward, forwardBuffers } from "./forward.ts";
import { lossCode, reduceLoss } from "./loss.ts";
import type { Model } from "./model.ts";
import { flatRows, networkFromModel } from "./network.ts";
import { accuracy } from "./train.ts";

export type Evaluation = { loss: number; predictions: number[][]; accuracy: number };

export function evaluate(model: Model): Evaluation {
  const { table, training } = model.request;
  const network = networkFromModel(model);
  const rows = table.inputs.length;
  const inputWidth = network.sizes[0] as number;
  const outputWidth = network.sizes[network.sizes.length - 1] as number;
  const targets = flatRows(table.targets, outputWidth);
  const buffers = forwardBuffers(network, flatRows(table.inputs, inputWidth), rows);
  const code = lossCode[training.loss ?? "mse"];
  const loss = reduceLoss(code, forward(network, buffers, rows, targets, code), rows * outputWidth);
  const outputs = buffers[buffers.length - 1] as Float64Array;
  const predictions = table.inputs.map((_, r) =>
    Array.from(outputs.subarray(r * outputWidth, (r + 1) * outputWidth)),
  );
  return { loss, predictions, accuracy: accuracy(predictions, table.targets) };
}
