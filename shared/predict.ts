// predict: a model's outputs for new rows, through the same forward pass as training.
import { forward, forwardBuffers, noLoss } from "./forward.ts";
import type { Model } from "./model.ts";
import { flatRows, networkFromModel } from "./network.ts";
import { RequestError } from "./resolve.ts";

export function predict(model: Model, inputs: number[][]): number[][] {
  const network = networkFromModel(model);
  const width = network.sizes[0] as number;
  const outputs = network.sizes[network.sizes.length - 1] as number;
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
  const buffers = forwardBuffers(network, flatRows(inputs, width), inputs.length);
  forward(network, buffers, inputs.length, new Float64Array(0), noLoss);
  const result = buffers[buffers.length - 1] as Float64Array;
  return inputs.map((_, r) => Array.from(result.subarray(r * outputs, (r + 1) * outputs)));
}
