// The step-by-step trace: the same numbers as a training step, and gradients that check out.
import { describe, expect, test } from "vitest";
import {
  type Model,
  modelFormat,
  type TrainRequest,
  traceStep,
  train,
} from "../../shared/index.ts";
import { resolveRequest } from "../../shared/schemas/resolve.ts";
import { layersOf } from "../../shared/training/network.ts";
import { freshSetup } from "../../shared/training/setup.ts";

const table = {
  inputs: [
    [0, 1],
    [1, 0],
    [1, 1],
  ],
  targets: [
    [1, 0],
    [1, 1],
    [0, 1],
  ],
};

function request(loss: "sse" | "mse" | "bce", bias: boolean): TrainRequest {
  return {
    table,
    network: { hidden: [{ units: 3, activation: "tanh" }], output: "sigmoid", bias },
    training: { epochs: 1, learningRate: 0.7, loss, seed: 11 },
  };
}

/** The untrained model a request starts from. */
function initialModel(input: TrainRequest): Model {
  const resolved = resolveRequest(input);
  return { format: modelFormat, request: resolved, layers: layersOf(freshSetup(resolved).network) };
}

const configurations = [
  ["sse", true],
  ["mse", false],
  ["bce", true],
] as const;

describe("traceStep", () => {
  test.each(configurations)(
    "%s, bias %s: a trace step is one epoch of training on that row alone",
    (loss, bias) => {
      const model = initialModel(request(loss, bias));
      for (let row = 0; row < table.inputs.length; row++) {
        const step = traceStep(model, table, row);
        const oneRow: TrainRequest = {
          ...request(loss, bias),
          table: { inputs: [table.inputs[row] ?? []], targets: [table.targets[row] ?? []] },
        };
        const trained = train(oneRow).model.layers;
        step.layers.forEach((layer, l) => {
          expect(layer.weightsAfter).toEqual(trained[l]?.weights);
          expect(layer.biasAfter).toEqual(trained[l]?.bias);
          expect(layer.weightsBefore).toEqual(model.layers[l]?.weights);
        });
        expect(step.input).toEqual(table.inputs[row]);
        expect(step.output).toEqual(step.layers.at(-1)?.output);
        expect(step.lossName).toBe(loss);
        expect(step.learningRate).toBe(0.7);
      }
    },
  );

  test.each(configurations)(
    "%s, bias %s: its gradients agree with finite differences of the row's loss",
    (loss, bias) => {
      const model = initialModel(request(loss, bias));
      const row = 2;
      const step = traceStep(model, table, row);
      const h = 1e-4;
      step.layers.forEach((layer, l) => {
        layer.weightsBefore.forEach((weights, i) => {
          weights.forEach((_, j) => {
            const at = (offset: number) => {
              const shifted = structuredClone(model);
              const target = shifted.layers[l]?.weights[i];
              if (target) target[j] = (target[j] as number) + offset;
              return traceStep(shifted, table, row).loss;
            };
            const numeric = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
            const analytic = layer.weightGradient[i]?.[j] as number;
            expect(
              Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-8),
            ).toBeLessThan(1e-6);
          });
        });
        expect(layer.biasGradient === null).toBe(!bias);
        if (layer.biasGradient) expect(layer.biasGradient).toEqual(layer.delta);
      });
    },
  );

  test("shapes: z, output and delta per unit; gradients fanIn × fanOut", () => {
    const step = traceStep(initialModel(request("mse", true)), table, 0);
    expect(
      step.layers.map((layer) => [layer.input.length, layer.z.length, layer.delta.length]),
    ).toEqual([
      [2, 3, 3],
      [3, 2, 2],
    ]);
    expect(step.layers[1]?.weightGradient).toHaveLength(3);
    expect(step.error).toHaveLength(2);
    expect(step.target).toEqual(table.targets[0]);
  });

  test("refuses a row the table does not have, or a row of the wrong width", () => {
    const model = initialModel(request("mse", true));
    expect(() => traceStep(model, table, 3)).toThrow("no row 3");
    expect(() => traceStep(model, table, 0.5)).toThrow("no row");
    expect(() => traceStep(model, { inputs: [[1, 2, 3]], targets: [[1, 0]] }, 0)).toThrow(
      "takes 2 inputs",
    );
  });
});
