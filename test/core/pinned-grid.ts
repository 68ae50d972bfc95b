// The grid of requests whose results are pinned (test/fixtures/weights-pins.json): every
// activation × loss × optimizer × batch mode × regularization × 0–4 hidden layers, and the
// presets. Bias, init, seed, learning rate and a target loss turn with the grid index so every one of them is
// met too, some runs diverge (the rollback is pinned as well) and the grid stays small enough to
// run in a few seconds.
import {
  activations,
  inits,
  losses,
  optimizers,
  presets,
  type TrainRequest,
  type TrainResult,
} from "../../shared/index.ts";
import { floatHex } from "./float-hex.ts";

/** What is pinned of a run: its weights' hash, its stop, its epochs and its loss to the bit. */
export type Pin = { weightsHash: string; stoppedBy: string; epochs: number; loss: string };

export function pinOf(result: TrainResult): Pin {
  return {
    weightsHash: result.weightsHash,
    stoppedBy: result.stoppedBy,
    epochs: result.epochs,
    loss: floatHex(result.loss),
  };
}

// 7 rows (an uneven last mini-batch of 3), 3 inputs, 2 outputs between 0 and 1.
const table = {
  inputs: [
    [0, 0, 1],
    [0, 1, 0],
    [0, 1, 1],
    [1, 0, 0],
    [1, 0, 1],
    [1, 1, 0],
    [1, 1, 1],
  ],
  targets: [
    [0, 1],
    [1, 0],
    [0, 0.5],
    [1, 1],
    [0, 0],
    [1, 0.25],
    [0, 1],
  ],
};
const hiddenUnits = [3, 4, 2, 3];
const learningRates = [0.3, 0.05, 1.5];
const regularizations = [
  undefined,
  { kind: "l1", rate: 0.003 },
  { kind: "l2", rate: 0.01 },
] as const;

export function pinnedGrid(): { key: string; request: TrainRequest }[] {
  const grid: { key: string; request: TrainRequest }[] = [];
  let index = 0;
  for (const activation of activations)
    for (const loss of losses)
      for (const optimizer of optimizers)
        for (const batch of ["full", "mini"] as const)
          for (const regularization of regularizations)
            for (let depth = 0; depth <= 4; depth++) {
              const output = loss === "bce" ? "sigmoid" : activation;
              const bias = index % 4 !== 3;
              const init = inits[index % inits.length] as (typeof inits)[number];
              const learningRate = learningRates[index % learningRates.length] as number;
              const key = [
                activation,
                loss,
                optimizer,
                batch,
                regularization?.kind ?? "none",
                `${depth}h`,
              ].join(" ");
              grid.push({
                key,
                request: {
                  table,
                  network: {
                    hidden: hiddenUnits.slice(0, depth).map((units) => ({ units, activation })),
                    output,
                    bias,
                  },
                  training: {
                    epochs: 30,
                    learningRate: optimizer === "adam" ? learningRate / 10 : learningRate,
                    seed: index * 7919,
                    loss,
                    optimizer,
                    init,
                    momentum: 0.8,
                    ...(batch === "mini" ? { batchSize: 3 } : {}),
                    ...(regularization ? { regularization } : {}),
                    ...(index % 5 === 4 ? { targetLoss: 0.2 } : {}),
                  },
                },
              });
              index++;
            }
  for (const [name, preset] of Object.entries(presets))
    grid.push({ key: `preset ${name}`, request: preset.request });
  return grid;
}
