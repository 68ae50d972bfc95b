// A run that diverges in its last epochs, the counterexample fast-check found (observe.test.ts,
// 2026-12-01) when each slice of an observed run still ended with the pass over the whole table
// that only the run's end makes: the slice of epoch 7 found its weights overflow there and stopped
// as diverged after 6 epochs, while the run in one go trains on (its loop looks at the weights
// only through the next batches), diverges later and falls back to its initial weights.
// known-divergence.test.ts keeps it as a regression test.
import type { TrainRequest } from "../../shared/index.ts";

export const divergingRequest: TrainRequest = {
  table: {
    inputs: [[0], [0], [1]],
    targets: [
      [0, 0],
      [0, 0],
      [0, 0],
    ],
  },
  network: { hidden: [{ units: 1, activation: "linear" }], output: "leaky_relu", bias: false },
  training: {
    epochs: 8,
    learningRate: 0.504529900015028,
    seed: 1601262825,
    loss: "sse",
    optimizer: "momentum",
    init: "xavier",
    batchSize: 1,
  },
};
