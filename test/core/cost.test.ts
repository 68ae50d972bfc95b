// The price of a run, from the documented formula, without training.
import { describe, expect, test } from "vitest";
import { epochOverhead } from "../../shared/cost.ts";
import {
  defaultLimits,
  presets,
  type TrainRequest,
  train,
  trainingCost,
} from "../../shared/index.ts";
import { preset, xor } from "../support/tables.ts";

describe("trainingCost", () => {
  test("the notebook: 10,000 × (4 rows × 2 × 3 weights + 1 update × 3 + 24) + 4 × 3 = 510,012", () => {
    expect(trainingCost(preset("notebook"))).toBe(10_000 * (4 * 2 * 3 + 3 + epochOverhead) + 4 * 3);
    expect(epochOverhead).toBe(24);
  });

  test("a 2-3-1 net with bias and mini-batches of 2 over 4 rows", () => {
    const request: TrainRequest = {
      table: xor,
      network: { hidden: [{ units: 3, activation: "tanh" }], output: "sigmoid" },
      training: { epochs: 7, learningRate: 1, batchSize: 2 },
    };
    // P = 2·3 + 3·1 = 9, P′ = 3, B = 4, S = 2.
    const perEpoch = 4 * (2 * 9 + 3) + 2 * (9 + 4) + epochOverhead;
    expect(trainingCost(request)).toBe(7 * perEpoch + 4 * 9);
    expect(train(request).cost).toBe(trainingCost(request));
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
