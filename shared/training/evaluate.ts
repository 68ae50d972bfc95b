// A model's loss, outputs and accuracy over its own table, through the final pass `train` makes,
// so that any epoch of a run shown in the page reads exactly as `train` would report it.
import { lossCode, reduceLoss } from "../kernels/loss.ts";
import type { Model } from "../schemas/model.ts";
import { forward, forwardPass } from "./forward.ts";
import { flatRows, nestedRows, networkFromModel } from "./network.ts";
import { accuracy } from "./train.ts";

export type Evaluation = { loss: number; predictions: number[][]; accuracy: number };

export function evaluate(model: Model): Evaluation {
  const { table, training } = model.request;
  const network = networkFromModel(model);
  const rows = table.inputs.length;
  const width = network.outputs;
  const targets = flatRows(table.targets, width);
  const pass = forwardPass(network, flatRows(table.inputs, network.inputs), rows);
  const code = lossCode[training.loss ?? "mse"];
  const loss = reduceLoss(code, forward(pass, rows, targets, code), rows * width);
  const outputs = pass.top.output;
  const predictions = nestedRows(outputs, rows, width);
  return { loss, predictions, accuracy: accuracy(predictions, table.targets) };
}
