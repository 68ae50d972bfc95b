// One backprop step on one row, spelled out number by number for the site's step-by-step view.
// Plain arrays and scalar loops: clarity matters here, not speed.
import { activate, activationCode, slopeAt } from "../kernels/activation.ts";
import { bceCode, crossEntropyTerm, gradientScale, lossCode, reduceLoss } from "../kernels/loss.ts";
import type { Model } from "../schemas/model.ts";
import type { Activation, LossName, TruthTable } from "../schemas/request.ts";
import { RequestError } from "../schemas/resolve.ts";

export type TraceLayer = {
  activation: Activation;
  /** What the layer receives: the row itself, or the layer below's output. */
  input: number[];
  /** input·W + b, before the activation. */
  z: number[];
  output: number[];
  /** ∂L/∂z for each unit. */
  delta: number[];
  /** ∂L/∂W[i][j] = input[i]·delta[j], fanIn × fanOut. */
  weightGradient: number[][];
  biasGradient: number[] | null;
  weightsBefore: number[][];
  /** W − learningRate·weightGradient. */
  weightsAfter: number[][];
  biasBefore: number[] | null;
  biasAfter: number[] | null;
};

export type TraceStep = {
  row: number;
  input: number[];
  target: number[];
  output: number[];
  /**
   * The output error scale·(y − t): ∂L/∂y for sse and mse, and for bce ∂L/∂z of the output
   * (cross-entropy's gradient through the sigmoid, the form training uses).
   */
  error: number[];
  /** The loss on this row alone, before the step. */
  loss: number;
  learningRate: number;
  lossName: LossName;
  layers: TraceLayer[];
};

/**
 * One plain SGD step (the model's loss and learning rate; no momentum, no regularization) on one
 * row of `table`, starting from the model's weights.
 */
export function traceStep(model: Model, table: TruthTable, row: number): TraceStep {
  const input = table.inputs[row];
  const target = table.targets[row];
  if (!Number.isInteger(row) || input === undefined || target === undefined) {
    throw new RequestError([{ path: "row", message: `the table has no row ${row}` }]);
  }
  const fanIn = model.layers[0]?.weights.length ?? 0;
  const fanOut = model.layers[model.layers.length - 1]?.weights[0]?.length ?? 0;
  if (input.length !== fanIn) {
    throw new RequestError([
      { path: `table.inputs.${row}`, message: `the model takes ${fanIn} inputs` },
    ]);
  }
  if (target.length !== fanOut) {
    throw new RequestError([
      { path: `table.targets.${row}`, message: `the model gives ${fanOut} outputs` },
    ]);
  }
  const lossName = model.request.training.loss ?? "mse";
  const loss = lossCode[lossName];
  const learningRate = model.request.training.learningRate;

  // Forward.
  const layers: TraceLayer[] = [];
  let below = input;
  for (const layer of model.layers) {
    const code = activationCode[layer.activation];
    const units = layer.weights[0]?.length ?? 0;
    const z: number[] = [];
    for (let j = 0; j < units; j++) {
      let sum = 0;
      for (let i = 0; i < below.length; i++)
        sum += (below[i] as number) * (layer.weights[i]?.[j] as number);
      z.push(layer.bias ? sum + (layer.bias[j] as number) : sum);
    }
    const output = z.map((value) => activate(code, value));
    layers.push({
      activation: layer.activation,
      input: below,
      z,
      output,
      delta: [],
      weightGradient: [],
      biasGradient: null,
      weightsBefore: layer.weights.map((weights) => [...weights]),
      weightsAfter: [],
      biasBefore: layer.bias ? [...layer.bias] : null,
      biasAfter: null,
    });
    below = output;
  }
  const top = layers[layers.length - 1] as TraceLayer;
  const output = top.output;
  let lossSum = 0;
  output.forEach((y, c) => {
    const t = target[c] as number;
    lossSum += loss === bceCode ? crossEntropyTerm(top.z[c] as number, t) : (y - t) * (y - t);
  });

  // Backward, top layer first; then every layer steps with the gradients of the old weights.
  const scale = gradientScale(loss, fanOut);
  const error = output.map((y, c) => (y - (target[c] as number)) * scale);
  let delta =
    loss === bceCode
      ? error
      : error.map((e, c) => e * slopeAt(activationCode[top.activation], output[c] as number));
  for (let l = layers.length - 1; l >= 0; l--) {
    const layer = layers[l] as TraceLayer;
    const weights = layer.weightsBefore;
    layer.delta = delta;
    layer.weightGradient = layer.input.map((x) => delta.map((d) => x * d));
    layer.weightsAfter = weights.map((row, i) =>
      row.map((w, j) => w - learningRate * (layer.weightGradient[i]?.[j] as number)),
    );
    if (layer.biasBefore) {
      layer.biasGradient = [...delta];
      layer.biasAfter = layer.biasBefore.map((b, j) => b - learningRate * (delta[j] as number));
    }
    if (l > 0) {
      const lower = layers[l - 1] as TraceLayer;
      const code = activationCode[lower.activation];
      const current = delta;
      delta = weights.map((row, i) => {
        let sum = 0;
        for (let j = 0; j < row.length; j++) sum += (current[j] as number) * (row[j] as number);
        return sum * slopeAt(code, lower.output[i] as number);
      });
    }
  }

  return {
    row,
    input: [...input],
    target: [...target],
    output,
    error,
    loss: reduceLoss(loss, lossSum, fanOut),
    learningRate,
    lossName,
    layers,
  };
}
