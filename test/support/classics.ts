// The three 1986 classics (Rumelhart, Hinton & Williams) that one request's budget refuses, with
// their usual settings: sigmoid units, momentum 0.9 (sse; bce for the encoder's eight outputs), the whole table as one batch. Issue 8
// names them and their prices (1.74e7, 3.27e7, 4.04e7 multiply-adds): each trains to 100% with no cost cap, and must do so as a job.
import { allRows, type TrainRequest } from "../../shared/index.ts";

const ones = (row: number[]) => row.reduce((sum, bit) => sum + bit, 0);
const sigmoid = (units: number) => ({ units, activation: "sigmoid" as const });
const rhw = (epochs: number, learningRate: number, seed: number, loss: "sse" | "bce" = "sse") => ({
  epochs,
  learningRate,
  seed,
  loss,
  optimizer: "momentum" as const,
  momentum: 0.9,
});

const parityRows = allRows(4);
const oneHot8 = Array.from({ length: 8 }, (_, row) =>
  Array.from({ length: 8 }, (_, column) => (row === column ? 1 : 0)),
);
const symmetryRows = allRows(6);
const mirrored = (row: number[]) => row.every((bit, i) => bit === row[row.length - 1 - i]);

export const classics: Record<"parity" | "encoder" | "symmetry", TrainRequest> = {
  parity: {
    name: "parity-4 4-4-1 (1986)",
    table: { inputs: parityRows, targets: parityRows.map((row) => [ones(row) % 2]) },
    network: { hidden: [sigmoid(4)], output: "sigmoid" },
    training: rhw(6000, 0.1, 1),
  },
  encoder: {
    name: "8-3-8 encoder (1986)",
    table: { inputs: oneHot8, targets: oneHot8 },
    network: { hidden: [sigmoid(3)], output: "sigmoid" },
    training: rhw(5000, 0.5, 0, "bce"),
  },
  symmetry: {
    name: "symmetry 6-2-1 (1986)",
    table: { inputs: symmetryRows, targets: symmetryRows.map((row) => [mirrored(row) ? 1 : 0]) },
    network: { hidden: [sigmoid(2)], output: "sigmoid" },
    training: rhw(6000, 0.1, 1),
  },
};
