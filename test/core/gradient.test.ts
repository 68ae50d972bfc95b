// Backprop's gradients against central finite differences of the loss, for every activation,
// every loss it allows, with and without bias, with 0, 1 and 2 hidden layers.
import { describe, expect, test } from "vitest";
import { reduceLoss } from "../../shared/kernels/loss.ts";
import { linearLayer } from "../../shared/kernels/products.ts";
import {
  type Activation,
  activations,
  type LossName,
  losses,
  type TrainRequest,
} from "../../shared/schemas/request.ts";
import { resolveRequest } from "../../shared/schemas/resolve.ts";
import { type ForwardPass, forward, forwardPass } from "../../shared/training/forward.ts";
import { trainEpochs } from "../../shared/training/loop.ts";
import { flatRows } from "../../shared/training/network.ts";
import { freshSetup, type Setup } from "../../shared/training/setup.ts";
import { rollBack } from "../../shared/training/update.ts";

// Values that are not 0/1, so no unit sits at ReLU's kink (checked below), targets inside (0, 1).
const inputs = [
  [0.31, -0.72, 0.55],
  [0.93, 0.18, -0.41],
  [-0.52, 0.44, 0.87],
  [0.12, -0.26, -0.68],
];
const targets = [
  [0.2, 0.7],
  [0.9, 0.1],
  [0.6, 0.35],
  [0.05, 0.8],
];

// Five-point central differences (error O(h⁴)): with h = 1e-4 both the truncation and the
// rounding error stay far below the tolerance, even for small gradients.
const step = 1e-4;
const tolerance = 1e-6;

type Case = { activation: Activation; loss: LossName; bias: boolean; depth: number };

const cases: Case[] = activations.flatMap((activation) =>
  losses
    // bce only with a sigmoid output: hidden layers still use the activation under test.
    .filter((loss) => loss !== "bce" || activation === "sigmoid")
    .flatMap((loss) =>
      [true, false].flatMap((bias) =>
        [0, 1, 2].map((depth) => ({ activation, loss, bias, depth })),
      ),
    ),
);
// bce puts a sigmoid on top of every other activation's hidden layers too.
for (const activation of activations) {
  if (activation === "sigmoid") continue;
  for (const bias of [true, false])
    for (const depth of [1, 2]) cases.push({ activation, loss: "bce", bias, depth });
}

function setUp({ activation, loss, bias, depth }: Case): Setup {
  const output = loss === "bce" ? "sigmoid" : activation;
  const request: TrainRequest = {
    table: { inputs, targets },
    network: {
      hidden: [5, 4].slice(0, depth).map((units) => ({ units, activation })),
      output,
      bias,
    },
    training: { epochs: 1, learningRate: 1, loss, init: "uniform", seed: 3 },
  };
  // A run's own setup: the weights drawn from seed 3, the buffers the training loop uses.
  const setup = freshSetup(resolveRequest(request));
  if (bias) {
    // Non-zero biases everywhere, so their gradients are tested on something.
    for (const { biases } of setup.layers) {
      for (let j = 0; j < biases.length; j++) biases[j] = 0.1 * (j + 1) - 0.25;
    }
  }
  return setup;
}

function lossOf(setup: Setup): { loss: number; pass: ForwardPass } {
  const pass = forwardPass(setup.network, flatRows(inputs, 3), inputs.length);
  const sum = forward(pass, inputs.length, flatRows(targets, 2), setup.loss);
  return { loss: reduceLoss(setup.loss, sum, inputs.length * 2), pass };
}

function relativeError(analytic: number, numeric: number): number {
  const scale = Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-8);
  return Math.abs(analytic - numeric) / scale;
}

describe("analytic gradients agree with central finite differences", () => {
  test.each(cases)("$activation hidden, $loss, bias $bias, $depth hidden layers", (testCase) => {
    const setup = setUp(testCase);
    const { pass } = lossOf(setup);
    const plain = [...pass.hidden, pass.top];
    const rows = inputs.length;
    // Keep away from ReLU's kink: every pre-activation is further from 0 than the steps reach.
    plain.forEach(({ activationName, input, fanIn, weights, biases, fanOut }) => {
      if (!activationName.includes("relu")) return;
      const z = new Float64Array(rows * fanOut);
      linearLayer(input, rows, fanIn, weights, biases, setup.hasBias, fanOut, z);
      for (const value of z) expect(Math.abs(value)).toBeGreaterThan(1e-2);
    });
    // One epoch of the training loop itself (the whole table, one update), then that update
    // undone: the gradients it left are those of the weights the differences are taken at.
    expect(trainEpochs(setup)).toEqual({ stoppedBy: "epochs", updates: 1 });
    rollBack(setup);
    const lossSum = setup.lossSum[0];
    // The training step's forward pass is the plain one, to the bit.
    expect(Object.is(lossSum, forward(pass, rows, flatRows(targets, 2), setup.loss))).toBe(true);
    setup.layers.forEach((layer, l) => {
      expect(layer.output).toEqual(plain[l]?.output);
    });

    const parameters = setup.layers.flatMap((layer) => [
      { values: layer.weights, gradient: layer.weightGradient },
      ...(testCase.bias ? [{ values: layer.biases, gradient: layer.biasGradient }] : []),
    ]);
    let checked = 0;
    for (const { values, gradient } of parameters) {
      for (let k = 0; k < values.length; k++) {
        const kept = values[k] as number;
        const at = (offset: number) => {
          values[k] = kept + offset;
          return lossOf(setup).loss;
        };
        const numeric = (8 * (at(step) - at(-step)) - (at(2 * step) - at(-2 * step))) / (12 * step);
        values[k] = kept;
        expect(relativeError(gradient[k] as number, numeric)).toBeLessThan(tolerance);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
