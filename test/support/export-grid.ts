// The models every export is checked on: each activation as hidden and as output, bias on and
// off, 0, 1 and 4 hidden layers, 1 and 16 outputs, the notebook preset and the largest network
// the limits allow; and the rows to check them at, beyond the table's own.
import {
  type Activation,
  activations,
  defaultLimits,
  type TrainRequest,
  type TruthTable,
} from "../../shared/index.ts";
import { preset, xor } from "./tables.ts";

export type GridCase = { label: string; request: TrainRequest };

/** A table of `width` 0/1 inputs (all rows, or the first `rows`), with `outputs` target columns. */
function binaryTable(width: number, outputs: number, rows = 2 ** width): TruthTable {
  const inputs = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: width }, (_, c) => (Math.imul(r + 1, 2654435761 + c * 40503) >>> 7) & 1),
  );
  const targets = inputs.map((row, r) =>
    Array.from({ length: outputs }, (_, o) => (row.reduce((a, b) => a + b, 0) + r + o) % 2),
  );
  return { inputs, targets };
}

const request = (
  table: TruthTable,
  hidden: { units: number; activation: Activation }[],
  output: Activation,
  bias = true,
  seed = 7,
): TrainRequest => ({
  table,
  network: { hidden, output, bias },
  // Enough steps to move every weight away from its start, few enough to train in a moment.
  training: { epochs: 40, learningRate: 0.05, seed },
});

export function exportGrid(): GridCase[] {
  const cases: GridCase[] = [];
  activations.forEach((hidden, h) => {
    activations.forEach((output, o) => {
      cases.push({
        label: `${hidden} hidden, ${output} output`,
        request: request(xor, [{ units: 3, activation: hidden }], output, true, h * 5 + o),
      });
    });
    cases.push({
      label: `${hidden} hidden and output, no bias`,
      request: request(xor, [{ units: 3, activation: hidden }], hidden, false, h),
    });
    cases.push({
      label: `no hidden layer, ${hidden} output`,
      request: request(binaryTable(3, 1), [], hidden, h % 2 === 0, h),
    });
  });
  cases.push({
    label: "4 hidden layers of every kind, linear output",
    request: request(
      binaryTable(3, 2),
      (["sigmoid", "tanh", "relu", "leaky_relu"] as const).map((activation, k) => ({
        units: 3 + k,
        activation,
      })),
      "linear",
    ),
  });
  cases.push({
    label: "4 hidden layers, no bias, 16 sigmoid outputs",
    request: request(
      binaryTable(4, 16),
      (["leaky_relu", "linear", "tanh", "relu"] as const).map((activation) => ({
        units: 5,
        activation,
      })),
      "sigmoid",
      false,
    ),
  });
  cases.push({
    label: "16 linear outputs, no hidden layer",
    request: request(binaryTable(4, 16), [], "linear"),
  });
  cases.push({ label: "the notebook preset", request: preset("notebook") });
  const { maxInputs, maxOutputs, maxHiddenLayers, maxUnits } = defaultLimits;
  cases.push({
    label: `the largest network: ${maxInputs} inputs, ${maxHiddenLayers}×${maxUnits} hidden, ${maxOutputs} outputs`,
    request: {
      ...request(
        binaryTable(maxInputs, maxOutputs, 16),
        Array.from({ length: maxHiddenLayers }, (_, k) => ({
          units: maxUnits,
          activation: activations[k % 4] as Activation,
        })),
        "sigmoid",
      ),
      training: { epochs: 2, learningRate: 0.01, seed: 3 },
    },
  });
  return cases;
}

/** The table's rows, then rows no table has: fractions, negatives and large values. */
export function checkRows(table: TruthTable): number[][] {
  const width = table.inputs[0]?.length ?? 0;
  const beyond = [0.5, -1, 0.25, -3.75, 17.5, -40, 1000, -2500.125].map((start, r) =>
    Array.from({ length: width }, (_, c) => (c % 2 === 0 ? start : -start / (c + 2)) + r * 0.1),
  );
  return [...table.inputs, ...beyond];
}
