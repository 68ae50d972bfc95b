// The price of a run, from the documented formula, without training: each term counted by hand.
import { describe, expect, test } from "vitest";
import {
  defaultLimits,
  presets,
  type TrainRequest,
  train,
  trainingCost,
} from "../../shared/index.ts";
import { costTerms, costWeights } from "../../shared/training/cost.ts";
import { preset, xor } from "../support/tables.ts";

/** 2-3-1, tanh then sigmoid, bias, bce, momentum, L2, mini-batches of 2 over xor's 4 rows. */
const everything: TrainRequest = {
  table: xor,
  network: { hidden: [{ units: 3, activation: "tanh" }], output: "sigmoid" },
  training: {
    epochs: 7,
    learningRate: 0.1,
    loss: "bce",
    optimizer: "momentum",
    batchSize: 2,
    regularization: { kind: "l2", rate: 0.01 },
  },
};

describe("costTerms", () => {
  test("a 2-3-1 net with every kind of work: each term by hand", () => {
    // P = 2·3 + 3·1 = 9 weights, P′ = 3, U = 4 units, P + B = 13 parameters, E = 7, n = 4,
    // S = 2 batches per epoch (14 in all), L = 2 layers, (7 + 1)·4 = 32 row passes.
    expect(costTerms(everything)).toEqual({
      multiplyAdds: 7 * 4 * (2 * 9 + 3) + 4 * 9, // 624
      rowPasses: 32,
      units: 32 * 4,
      sigmoidUnits: 32 * 1,
      tanhUnits: 32 * 3,
      bceOutputs: 32 * 1,
      gatheredValues: 7 * 4 * (2 + 1 + 1),
      batches: 14,
      layerPasses: (14 + 1) * 2,
      separateUpdates: 14 * 2,
      parameterUpdates: 14 * 13,
      momentumUpdates: 14 * 13,
      adamUpdates: 0,
      regularizedWeights: 14 * 9,
      parameters: 13,
      tableValues: 4 * (2 + 1),
    });
  });

  test("full-batch plain sgd gathers nothing and updates inside the backward pass", () => {
    const terms = costTerms({
      ...everything,
      training: { epochs: 7, learningRate: 0.1 },
    });
    expect(terms).toMatchObject({
      batches: 7,
      layerPasses: (7 + 1) * 2,
      gatheredValues: 0,
      separateUpdates: 0,
      parameterUpdates: 7 * 13,
      momentumUpdates: 0,
      regularizedWeights: 0,
      bceOutputs: 0,
    });
  });

  test("adam, a regularization rate of 0, no bias, a linear output", () => {
    const terms = costTerms({
      table: xor,
      network: { hidden: [{ units: 3, activation: "relu" }], output: "linear", bias: false },
      training: {
        epochs: 5,
        learningRate: 0.1,
        optimizer: "adam",
        regularization: { kind: "l1", rate: 0 },
      },
    });
    // 9 parameters without bias, 5 updates of the whole table.
    expect(terms).toMatchObject({
      parameters: 9,
      parameterUpdates: 5 * 9,
      adamUpdates: 5 * 9,
      momentumUpdates: 0,
      regularizedWeights: 0,
      separateUpdates: 5 * 2,
      sigmoidUnits: 0,
      tanhUnits: 0,
    });
  });

  test("a last batch smaller than the others is still a batch", () => {
    const terms = costTerms({ ...everything, training: { ...everything.training, batchSize: 3 } });
    expect(terms.batches).toBe(7 * 2);
  });
});

describe("trainingCost", () => {
  test("the notebook: 3-1 sigmoid, no bias, sse, sgd, 4 rows, 10,000 epochs = 2,162,916", () => {
    // 10,000·4·(2·3) + 4·3 multiply-adds; 40,004 row passes × (4 + 14 for its unit + 8 for its
    // sigmoid); 10,000 batches × (16 + 4 per weight); 10,001 layer passes × 60; 3 weights × 380;
    // 16 table values × 100.
    const byHand =
      240_012 + 40_004 * (4 + 14 + 8) + 10_000 * (16 + 3 * 4) + 10_001 * 60 + 3 * 380 + 16 * 100;
    expect(byHand).toBe(2_162_916);
    expect(trainingCost(preset("notebook"))).toBe(byHand);
  });

  test("the weights the README documents", () => {
    expect(costWeights).toEqual({
      multiplyAdds: 1,
      rowPasses: 4,
      units: 14,
      sigmoidUnits: 8,
      tanhUnits: 20,
      bceOutputs: 48,
      gatheredValues: 10,
      batches: 16,
      layerPasses: 60,
      separateUpdates: 50,
      parameterUpdates: 4,
      momentumUpdates: 1,
      adamUpdates: 6,
      regularizedWeights: 2,
      parameters: 380,
      tableValues: 100,
    });
  });

  test("the 2-3-1 net with every kind of work, and train reports the same figure", () => {
    const byHand =
      624 +
      32 * 4 +
      128 * 14 +
      32 * 8 +
      96 * 20 +
      32 * 48 +
      112 * 10 +
      14 * 16 +
      30 * 60 +
      28 * 50 +
      182 * (4 + 1) +
      126 * 2 +
      13 * 380 +
      12 * 100;
    expect(trainingCost(everything)).toBe(byHand);
    expect(train(everything).cost).toBe(byHand);
  });

  test("every preset fits in the default limits", () => {
    for (const preset of Object.values(presets)) {
      expect(trainingCost(preset.request), preset.name).toBeLessThanOrEqual(defaultLimits.maxCost);
    }
  });

  test("prices what it is given, even an incomplete request, without throwing", () => {
    expect(trainingCost({} as TrainRequest)).toBe(0);
  });
});
