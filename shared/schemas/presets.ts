// Named truth tables, each with a network and training that learns it (test/core checks every one
// reaches 100% accuracy). Rows count up in binary, first column most significant.
import type { TrainRequest } from "./request.ts";

export type Preset = { name: string; title: string; description: string; request: TrainRequest };

const twoBits = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const threeBits = [
  [0, 0, 0],
  [0, 0, 1],
  [0, 1, 0],
  [0, 1, 1],
  [1, 0, 0],
  [1, 0, 1],
  [1, 1, 0],
  [1, 1, 1],
];
const ones = (row: number[]) => row.filter((bit) => bit === 1).length;

type Setup = Pick<TrainRequest, "network" | "training">;

/** One logistic unit: enough for any linearly separable table. */
const singleUnit = (): Setup => ({
  network: { hidden: [], output: "sigmoid", bias: true },
  training: { epochs: 2000, learningRate: 1, loss: "bce", seed: 0 },
});

/** A small tanh hidden layer for tables one line cannot split. */
const hiddenLayer = (units: number, epochs: number): Setup => ({
  network: { hidden: [{ units, activation: "tanh" }], output: "sigmoid", bias: true },
  training: { epochs, learningRate: 1, loss: "bce", seed: 0 },
});

function gate(
  name: string,
  title: string,
  rule: (a: number, b: number) => number,
  separable: boolean,
): Preset {
  return {
    name,
    title,
    description: `${title} of two inputs${separable ? ": one unit draws the line" : ": needs a hidden layer"}.`,
    request: {
      table: {
        inputs: twoBits,
        targets: twoBits.map(([a, b]) => [rule(a as number, b as number)]),
        inputNames: ["a", "b"],
        outputNames: [name],
      },
      ...(separable ? singleUnit() : hiddenLayer(4, 2000)),
      name,
    },
  };
}

const list: Preset[] = [
  gate("and", "AND", (a, b) => a & b, true),
  gate("or", "OR", (a, b) => a | b, true),
  gate("nand", "NAND", (a, b) => 1 - (a & b), true),
  gate("nor", "NOR", (a, b) => 1 - (a | b), true),
  gate("xor", "XOR", (a, b) => a ^ b, false),
  gate("xnor", "XNOR", (a, b) => 1 - (a ^ b), false),
  {
    name: "notebook",
    title: "The notebook",
    description:
      "The seed notebook's table (the output is the first input) with its exact settings: one sigmoid unit, no bias, sse, lr 1, 10,000 epochs, seed 0. It predicts [1, 0, 0] as 0.99993703.",
    request: {
      table: {
        inputs: [
          [0, 0, 1],
          [1, 1, 1],
          [1, 0, 1],
          [0, 1, 1],
        ],
        targets: [[0], [1], [1], [0]],
      },
      network: { hidden: [], output: "sigmoid", bias: false },
      training: {
        epochs: 10_000,
        learningRate: 1,
        seed: 0,
        loss: "sse",
        optimizer: "sgd",
        init: "uniform",
      },
      name: "notebook",
    },
  },
  {
    name: "parity3",
    title: "3-bit parity",
    description: "1 when an odd number of the three inputs are 1: xor of three.",
    request: {
      table: {
        inputs: threeBits,
        targets: threeBits.map((row) => [ones(row) % 2]),
        inputNames: ["a", "b", "c"],
        outputNames: ["odd"],
      },
      ...hiddenLayer(6, 3000),
      name: "parity3",
    },
  },
  {
    name: "majority3",
    title: "Majority of three",
    description: "1 when at least two of the three inputs are 1: linearly separable.",
    request: {
      table: {
        inputs: threeBits,
        targets: threeBits.map((row) => [ones(row) >= 2 ? 1 : 0]),
        inputNames: ["a", "b", "c"],
        outputNames: ["majority"],
      },
      ...singleUnit(),
      name: "majority3",
    },
  },
  {
    name: "half-adder",
    title: "Half adder",
    description: "Adds two bits: sum (xor) and carry (and), two outputs.",
    request: {
      table: {
        inputs: twoBits,
        targets: twoBits.map(([a, b]) => [
          (a as number) ^ (b as number),
          (a as number) & (b as number),
        ]),
        inputNames: ["a", "b"],
        outputNames: ["sum", "carry"],
      },
      ...hiddenLayer(4, 2000),
      name: "half-adder",
    },
  },
  {
    name: "full-adder",
    title: "Full adder",
    description: "Adds two bits and a carry in: sum and carry out.",
    request: {
      table: {
        inputs: threeBits,
        targets: threeBits.map((row) => [ones(row) % 2, ones(row) >= 2 ? 1 : 0]),
        inputNames: ["a", "b", "carry in"],
        outputNames: ["sum", "carry out"],
      },
      ...hiddenLayer(6, 3000),
      name: "full-adder",
    },
  },
  {
    name: "encoder-4-2-4",
    title: "4-2-4 encoder",
    description:
      "Four one-hot rows squeezed through two hidden units and back: the net invents a 2-bit code.",
    request: {
      table: {
        inputs: [
          [1, 0, 0, 0],
          [0, 1, 0, 0],
          [0, 0, 1, 0],
          [0, 0, 0, 1],
        ],
        targets: [
          [1, 0, 0, 0],
          [0, 1, 0, 0],
          [0, 0, 1, 0],
          [0, 0, 0, 1],
        ],
      },
      network: { hidden: [{ units: 2, activation: "sigmoid" }], output: "sigmoid", bias: true },
      training: { epochs: 5000, learningRate: 0.05, loss: "bce", optimizer: "adam", seed: 0 },
      name: "encoder-4-2-4",
    },
  },
];

export const presets: Readonly<Record<string, Preset>> = Object.freeze(
  Object.fromEntries(list.map((preset) => [preset.name, preset])),
);
