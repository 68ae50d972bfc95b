// One sgd step with l1 or l2 regularization, checked against numbers made without the core's
// backprop: the gradient from central finite differences of a loss written out here in plain
// arithmetic, then W' = W − lr·(g + rate·W) (l2) or W − lr·(g + rate·sign(W)) (l1), b' = b − lr·g.
import { describe, expect, test } from "vitest";
import { type TrainRequest, train } from "../../shared/index.ts";
import { resolveRequest } from "../../shared/schemas/resolve.ts";
import { freshSetup } from "../../shared/training/setup.ts";

// Off 0 and 1, so every unit has a real slope; targets inside (0, 1).
const table = {
  inputs: [
    [0.31, -0.72, 0.55],
    [0.93, 0.18, -0.41],
    [-0.52, 0.44, 0.87],
    [0.12, -0.26, -0.68],
  ],
  targets: [[0.2], [0.9], [0.6], [0.05]],
};

/** Every parameter as plain numbers: per layer, weights[i][j] (fanIn × fanOut) and bias[j]. */
type Layer = { weights: number[][]; bias: number[] };

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** mse of a tanh hidden layer (or none) and a sigmoid output, written out row by row. */
function mse(layers: Layer[]): number {
  let sum = 0;
  let terms = 0;
  table.inputs.forEach((row, r) => {
    let values = row;
    layers.forEach((layer, l) => {
      const squash = l === layers.length - 1 ? sigmoid : Math.tanh;
      values = layer.bias.map((b, j) =>
        squash(values.reduce((z, x, i) => z + x * (layer.weights[i]?.[j] ?? Number.NaN), b)),
      );
    });
    values.forEach((y, k) => {
      const t = table.targets[r]?.[k] ?? Number.NaN;
      sum += (y - t) * (y - t);
      terms++;
    });
  });
  return sum / terms;
}

/** ∂mse/∂p for a parameter reached by `at`, by five-point central differences (error O(h⁴)). */
function slope(layers: Layer[], at: (layers: Layer[]) => [number[], number]): number {
  const h = 1e-4;
  const [values, k] = at(layers);
  const saved = values[k] ?? Number.NaN;
  const lossAt = (offset: number) => {
    values[k] = saved + offset;
    return mse(layers);
  };
  const g = (8 * (lossAt(h) - lossAt(-h)) - (lossAt(2 * h) - lossAt(-2 * h))) / (12 * h);
  values[k] = saved;
  return g;
}

function initialLayers(request: TrainRequest): Layer[] {
  // The weights a run of this request starts from (its init and seed).
  return freshSetup(resolveRequest(request)).layers.map(({ fanIn, fanOut, weights, biases }) => ({
    weights: Array.from({ length: fanIn }, (_, i) =>
      Array.from(weights.subarray(i * fanOut, (i + 1) * fanOut)),
    ),
    bias: Array.from(biases),
  }));
}

const rate = 0.3;
const learningRate = 0.5;

/** What one step should give, from the gradient above and the definitions in the README. */
function expectedStep(request: TrainRequest, kind: "l1" | "l2" | "none"): Layer[] {
  const layers = initialLayers(request);
  return layers.map((layer, l) => ({
    weights: layer.weights.map((row, i) =>
      row.map((w, j) => {
        const g = slope(layers, (all) => [all[l]?.weights[i] ?? [], j]);
        const penalty = kind === "l2" ? rate * w : kind === "l1" ? rate * Math.sign(w) : 0;
        return w - learningRate * (g + penalty);
      }),
    ),
    bias: layer.bias.map(
      (b, j) => b - learningRate * slope(layers, (all) => [all[l]?.bias ?? [], j]),
    ),
  }));
}

const shapes: [string, TrainRequest["network"]][] = [
  ["no hidden layer", { hidden: [], output: "sigmoid" }],
  ["a tanh hidden layer", { hidden: [{ units: 3, activation: "tanh" }], output: "sigmoid" }],
];

const kinds = ["l1", "l2"] as const;

describe("sgd with regularization, one step by hand", () => {
  test.each(
    shapes.flatMap(([name, network]) => kinds.map((kind) => [name, network, kind] as const)),
  )("%s, %s", (_, network, kind) => {
    const request: TrainRequest = {
      table,
      network,
      training: {
        epochs: 1,
        learningRate,
        loss: "mse",
        optimizer: "sgd",
        seed: 7,
        regularization: { kind, rate },
      },
    };
    const expected = expectedStep(request, kind);
    const unregularized = expectedStep(request, "none");
    const trained = train(request).model.layers;
    expect(trained).toHaveLength(expected.length);
    let penaltyMoved = 0;
    expected.forEach((layer, l) => {
      layer.weights.forEach((row, i) => {
        row.forEach((w, j) => {
          const got = trained[l]?.weights[i]?.[j] ?? Number.NaN;
          expect(Math.abs(got - w)).toBeLessThan(1e-9);
          penaltyMoved = Math.max(
            penaltyMoved,
            Math.abs(w - (unregularized[l]?.weights[i]?.[j] ?? 0)),
          );
        });
      });
      layer.bias.forEach((b, j) => {
        expect(Math.abs((trained[l]?.bias?.[j] ?? Number.NaN) - b)).toBeLessThan(1e-9);
        // Biases are left alone by the penalty.
        expect(Math.abs(b - (unregularized[l]?.bias[j] ?? Number.NaN))).toBe(0);
      });
    });
    // The penalty's share of the step is far above the tolerance: leaving it out would fail.
    expect(penaltyMoved).toBeGreaterThan(1e-3);
  });
});
