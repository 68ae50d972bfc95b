// predict: a model's outputs for new rows, through the same forward pass as training.

import type { Model } from "../schemas/model.ts";
import { RequestError } from "../schemas/resolve.ts";
import { forward, forwardPass, noLoss } from "./forward.ts";
import { flatRows, nestedRows, networkFromModel } from "./network.ts";

export function predict(model: Model, inputs: number[][]): number[][] {
  const network = networkFromModel(model);
  const width = network.inputs;
  const outputs = network.outputs;
  const wrong = inputs.flatMap((row, r) =>
    row.length === width
      ? []
      : [
          {
            path: `inputs.${r}`,
            message: `row ${r} has ${row.length} columns, the model takes ${width}`,
          },
        ],
  );
  if (wrong.length > 0) throw new RequestError(wrong);
  const pass = forwardPass(network, flatRows(inputs, width), inputs.length);
  forward(pass, inputs.length, new Float64Array(0), noLoss);
  const result = pass.top.output;
  return nestedRows(result, inputs.length, outputs);
}
