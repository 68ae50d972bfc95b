// The core really learns: xor for ten seeds, the 4-2-4 encoder, the full adder, every preset.
import { describe, expect, test } from "vitest";
import { presets, train } from "../../shared/index.ts";
import { preset } from "../support/tables.ts";

describe("learning", () => {
  // The xor preset's settings are the documented defaults for 2-4-1: tanh hidden, sigmoid out,
  // bias, bce, sgd, lr 1, 2000 epochs, uniform init.
  test.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])("xor 2-4-1 reaches 100%% with seed %i", (seed) => {
    const request = preset("xor");
    expect(request.network.hidden).toEqual([{ units: 4, activation: "tanh" }]);
    const result = train({ ...request, training: { ...request.training, seed } });
    expect(result.accuracy).toBe(1);
    expect(result.stoppedBy).toBe("epochs");
  });

  test("the 4-2-4 encoder reaches 100%", () => {
    const request = preset("encoder-4-2-4");
    expect(request.network.hidden).toHaveLength(1);
    expect(request.network.hidden[0]?.units).toBe(2);
    expect(train(request).accuracy).toBe(1);
  });

  test("the full adder reaches 100%", () => {
    const request = preset("full-adder");
    expect(request.table.targets[0]).toHaveLength(2);
    expect(train(request).accuracy).toBe(1);
  });

  test.each(Object.keys(presets))("preset %s reaches 100%% and lowers its loss", (name) => {
    const result = train(preset(name));
    expect(result.accuracy).toBe(1);
    const first = result.history[0]?.[1] ?? Number.NaN;
    expect(result.loss).toBeLessThan(first / 10);
  });

  test("mini-batches, momentum and adam learn xor too", () => {
    const request = preset("xor");
    for (const training of [
      { batchSize: 1, learningRate: 0.5 },
      { batchSize: 2, optimizer: "momentum", learningRate: 0.2 },
      { optimizer: "adam", learningRate: 0.05 },
    ] as const) {
      const result = train({ ...request, training: { ...request.training, ...training } });
      expect(result.accuracy, JSON.stringify(training)).toBe(1);
    }
  });

  test("targetLoss stops the run early, with the loss at or under the target", () => {
    const request = preset("xor");
    const result = train({
      ...request,
      training: { ...request.training, epochs: 5_000, targetLoss: 0.05 },
    });
    expect(result.stoppedBy).toBe("target-loss");
    expect(result.epochs).toBeLessThan(5_000);
    expect(result.loss).toBeLessThanOrEqual(0.05);
    expect(result.history.at(-1)).toEqual([result.epochs, result.loss]);
  });
});
