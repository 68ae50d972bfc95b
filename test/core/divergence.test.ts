// A run that blows up says so: "diverged", never "epochs" or "target-loss", and hands back finite
// numbers (the weights from before the update that broke them).
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { RequestError, type TrainRequest, TrainResultSchema, train } from "../../shared/index.ts";
import { xor } from "../support/tables.ts";

const blowUps: [string, TrainRequest][] = [
  [
    "linear output, sse, lr 1e6",
    {
      table: xor,
      network: { hidden: [{ units: 4, activation: "linear" }], output: "linear" },
      training: { epochs: 1000, learningRate: 1e6, loss: "sse", targetLoss: 0 },
    },
  ],
  [
    "relu hidden, mini-batches, momentum, lr 1e6",
    {
      table: xor,
      network: { hidden: [{ units: 4, activation: "relu" }], output: "linear" },
      training: { epochs: 1000, learningRate: 1e6, optimizer: "momentum", batchSize: 1 },
    },
  ],
  [
    "leaky relu hidden, linear output, mse, lr 1e6",
    {
      table: xor,
      network: { hidden: [{ units: 4, activation: "leaky_relu" }], output: "linear" },
      training: { epochs: 1000, learningRate: 1e6, loss: "mse" },
    },
  ],
  [
    "tanh hidden, linear output, l2, lr 1e6",
    {
      table: xor,
      network: { hidden: [{ units: 3, activation: "tanh" }], output: "linear" },
      training: { epochs: 1000, learningRate: 1e6, regularization: { kind: "l2", rate: 0.1 } },
    },
  ],
];

describe("divergence", () => {
  test.each(blowUps)("%s ends as diverged with finite numbers", (_, request) => {
    const result = train(request);
    expect(result.stoppedBy).toBe("diverged");
    expect(result.epochs).toBeLessThan(request.training.epochs);
    expect(Number.isFinite(result.loss)).toBe(true);
    for (const layer of result.model.layers) {
      for (const value of [...layer.weights.flat(), ...(layer.bias ?? [])])
        expect(Number.isFinite(value)).toBe(true);
    }
    for (const [, loss] of result.history) expect(Number.isFinite(loss)).toBe(true);
    expect(result.predictions.flat().every(Number.isFinite)).toBe(true);
    // Valid JSON all the way down: the API can send it as it is.
    expect(v.safeParse(TrainResultSchema, JSON.parse(JSON.stringify(result))).success).toBe(true);
  });

  test("a saturated sigmoid at lr 1e6 has huge but finite weights: not diverged, and not hidden", () => {
    const result = train({
      table: xor,
      network: { hidden: [{ units: 4, activation: "sigmoid" }], output: "sigmoid" },
      training: { epochs: 1000, learningRate: 1e6, loss: "sse" },
    });
    expect(result.stoppedBy).toBe("epochs");
    expect(result.model.layers.flatMap((l) => l.weights.flat()).every(Number.isFinite)).toBe(true);
  });

  test("the same network with a sane rate does not diverge", () => {
    const [, request] = blowUps[0] ?? [];
    if (!request) throw new Error("no case");
    const result = train({
      ...request,
      training: { ...request.training, learningRate: 0.01, targetLoss: undefined },
    });
    expect(result.stoppedBy).toBe("epochs");
  });

  test("a mini-batch run whose last finite weights still overflow hands back the initial ones", () => {
    const result = train({
      table: { inputs: [[1e150], [1]], targets: [[1], [0]] },
      network: { hidden: [{ units: 2, activation: "linear" }], output: "linear" },
      training: { epochs: 50, learningRate: 1, batchSize: 1 },
    });
    expect(result.stoppedBy).toBe("diverged");
    expect(result.epochs).toBe(0);
    expect(Number.isFinite(result.loss)).toBe(true);
    expect(result.history).toEqual([[0, result.loss]]);
  });

  test("a table whose loss overflows before any training is refused as a bad table", () => {
    const request: TrainRequest = {
      table: { inputs: [[1e300]], targets: [[1]] },
      network: { hidden: [], output: "linear" },
      training: { epochs: 5, learningRate: 1 },
    };
    expect(() => train(request)).toThrow(RequestError);
    try {
      train(request);
    } catch (error) {
      expect((error as RequestError).issues.map((issue) => issue.path)).toEqual(["table"]);
    }
  });
});
