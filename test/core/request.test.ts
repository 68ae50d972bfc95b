// Parsing: defaults filled in, and every refusal names the field by its dot path.
import { describe, expect, test } from "vitest";
import { RequestError, resolveRequest, type TrainRequest, train } from "../../shared/index.ts";
import { toFieldIssues } from "../../shared/schemas/resolve.ts";

const valid: TrainRequest = {
  table: { inputs: [[0], [1]], targets: [[1], [0]] },
  network: { hidden: [], output: "sigmoid" },
  training: { epochs: 5, learningRate: 0.5 },
};

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    resolveRequest(input);
  } catch (error) {
    expect(error).toBeInstanceOf(RequestError);
    return (error as RequestError).issues;
  }
  throw new Error("the request was accepted");
}

describe("resolveRequest", () => {
  test("fills in every default", () => {
    const resolved = resolveRequest(valid);
    expect(resolved.network.bias).toBe(true);
    expect(resolved.training).toMatchObject({
      seed: 0,
      loss: "mse",
      optimizer: "sgd",
      momentum: 0.9,
      batchSize: 2,
      init: "uniform",
    });
  });

  test.each([
    ["a string", "hello", [""]],
    [
      "a bad learning rate",
      { ...valid, training: { ...valid.training, learningRate: 0 } },
      ["training.learningRate"],
    ],
    [
      "a ragged input row",
      { ...valid, table: { inputs: [[0], [1], [1, 1]], targets: [[1], [0], [1]] } },
      ["table.inputs.2"],
    ],
    [
      "an unknown activation",
      { ...valid, network: { ...valid.network, output: "softmax" } },
      ["network.output"],
    ],
    [
      "bce without a sigmoid",
      {
        ...valid,
        network: { ...valid.network, output: "tanh" },
        training: { ...valid.training, loss: "bce" },
      },
      ["training.loss"],
    ],
    [
      "a batch larger than the table",
      { ...valid, training: { ...valid.training, batchSize: 3 } },
      ["training.batchSize"],
    ],
    [
      "a seed above 2³²−1",
      { ...valid, training: { ...valid.training, seed: 2 ** 32 } },
      ["training.seed"],
    ],
    [
      "two bad fields at once",
      {
        ...valid,
        network: { hidden: [{ units: 0, activation: "tanh" }], output: "sigmoid" },
        training: { epochs: 1.5, learningRate: 1 },
      },
      ["network.hidden.0.units", "training.epochs"],
    ],
  ])("refuses %s, naming the field", (_, input, paths) => {
    expect(issuesOf(input).map((issue) => issue.path)).toEqual(paths);
  });

  test("train refuses the same way, with RequestError", () => {
    expect(() => train({ ...valid, training: { ...valid.training, epochs: -1 } })).toThrow(
      RequestError,
    );
  });

  test("toFieldIssues keeps each message", () => {
    const issues = issuesOf({ ...valid, training: { ...valid.training, learningRate: -1 } });
    expect(issues[0]?.message).toContain("learning rate");
    expect(toFieldIssues([])).toEqual([]);
  });
});
