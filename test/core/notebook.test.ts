// The seed notebook, reproduced to the last bit: numpy's weights and numpy's printed prediction.
import { describe, expect, test } from "vitest";
import { predict, type TrainRequest, train } from "../../shared/index.ts";
import { resolveRequest } from "../../shared/schemas/resolve.ts";
import { freshSetup } from "../../shared/training/setup.ts";
import { preset } from "../support/tables.ts";
import { floatHex, numpyReference } from "./fixture.ts";

const reference = numpyReference.notebook;

const notebook: TrainRequest = {
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
    loss: "sse",
    optimizer: "sgd",
    seed: 0,
    init: "uniform",
  },
};

describe("the notebook", () => {
  test("starts from numpy's `2 * np.random.random((3, 1)) - 1` with seed 0", () => {
    const { layers } = freshSetup(resolveRequest(notebook));
    expect(Array.from(layers[0]?.weights ?? [])).toEqual(reference.initialWeights);
  });

  test("ends on numpy's weights, bit for bit", () => {
    const weights = train(notebook).model.layers[0]?.weights.map((row) => row[0]) ?? [];
    expect(weights).toHaveLength(3);
    weights.forEach((weight, i) => {
      expect(Object.is(weight, reference.finalWeights[i])).toBe(true);
      expect(floatHex(weight ?? Number.NaN)).toBe(reference.finalWeightsHex[i]);
    });
  });

  test("predicts [1, 0, 0] as numpy does, printed 0.99993703", () => {
    const { model } = train(notebook);
    const [[prediction = Number.NaN] = []] = predict(model, [[1, 0, 0]]);
    expect(Object.is(prediction, reference.predict_1_0_0)).toBe(true);
    expect(`[[${prediction.toFixed(8)}]]`).toBe(reference.printed);
  });

  test("the notebook preset is the same run, with no other change", () => {
    const fromPreset = train(preset("notebook"));
    const direct = train(notebook);
    expect(fromPreset.weightsHash).toBe(direct.weightsHash);
    expect(fromPreset.model.layers).toEqual(direct.model.layers);
    const [[prediction = Number.NaN] = []] = predict(fromPreset.model, [[1, 0, 0]]);
    expect(prediction.toFixed(8)).toBe("0.99993703");
  });
});
