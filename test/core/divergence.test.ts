// A run that blows up says so: "diverged", never "epochs" or "target-loss", and hands back finite
// numbers (the weights from before the update that broke them).
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import {
  RequestError,
  type TrainRequest,
  type TrainResult,
  TrainResultSchema,
  train,
} from "../../shared/index.ts";
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

/** Diverged, with every number finite and the result valid JSON the API can send as it is. */
function expectDivergedAndFinite(result: TrainResult): void {
  expect(result.stoppedBy).toBe("diverged");
  expect(Number.isFinite(result.loss)).toBe(true);
  for (const layer of result.model.layers) {
    for (const value of [...layer.weights.flat(), ...(layer.bias ?? [])])
      expect(Number.isFinite(value)).toBe(true);
  }
  for (const [, loss] of result.history) expect(Number.isFinite(loss)).toBe(true);
  expect(result.history.at(-1)).toEqual([result.epochs, result.loss]);
  expect(result.predictions.flat().every(Number.isFinite)).toBe(true);
  expect(v.safeParse(TrainResultSchema, JSON.parse(JSON.stringify(result))).success).toBe(true);
}

const withEpochs = (request: TrainRequest, epochs: number): TrainRequest => ({
  ...request,
  training: { ...request.training, epochs },
});

// Runs whose weights stay finite for a while but whose outputs grow until the loss overflows.
// Run with just enough epochs, the update that breaks the loss is the very last one, so nothing
// inside the loop sees the overflow; only the final pass over the table does.
const lastUpdateOverflows: [string, TrainRequest][] = [
  [
    "no hidden layer, linear output, lr 1e10",
    {
      table: { inputs: [[1], [0.5]], targets: [[1], [0]] },
      network: { hidden: [], output: "linear" },
      training: { epochs: 100, learningRate: 1e10 },
    },
  ],
  [
    "relu hidden, linear output, lr 1e10",
    {
      table: xor,
      network: { hidden: [{ units: 4, activation: "relu" }], output: "linear" },
      training: { epochs: 100, learningRate: 1e10 },
    },
  ],
  [
    "relu hidden, mini-batches of 2, lr 1e3",
    {
      table: xor,
      network: { hidden: [{ units: 4, activation: "relu" }], output: "linear" },
      training: { epochs: 100, learningRate: 1e3, batchSize: 2 },
    },
  ],
  [
    "leaky relu hidden, momentum, lr 1e10",
    {
      table: xor,
      network: { hidden: [{ units: 4, activation: "leaky_relu" }], output: "linear" },
      training: { epochs: 100, learningRate: 1e10, optimizer: "momentum" },
    },
  ],
  [
    "tanh hidden, l2, lr 1e10",
    {
      table: xor,
      network: { hidden: [{ units: 3, activation: "tanh" }], output: "linear" },
      training: { epochs: 100, learningRate: 1e10, regularization: { kind: "l2", rate: 0.1 } },
    },
  ],
];

describe("divergence", () => {
  test.each(blowUps)("%s ends as diverged with finite numbers", (_, request) => {
    const result = train(request);
    expectDivergedAndFinite(result);
    expect(result.epochs).toBeLessThan(request.training.epochs);
  });

  test("one update to finite weights whose output overflows: diverged, back to the weights before it", () => {
    // w = 0.0976…, b = 0.4303… (seed 0); the update adds 1e300·0.944… to w: finite, but then
    // (y − t)² overflows. The only update is undone, so the model is the initial one.
    const request: TrainRequest = {
      table: { inputs: [[1]], targets: [[1]] },
      network: { hidden: [], output: "linear" },
      training: { epochs: 1, learningRate: 1e300 },
    };
    const result = train(request);
    expectDivergedAndFinite(result);
    expect(result.epochs).toBe(0);
    const untrained = train({ ...request, training: { epochs: 1, learningRate: 1e-300 } });
    expect(result.history).toEqual([untrained.history[0]]);
    expect(result.model.layers[0]?.weights).toEqual(untrained.model.layers[0]?.weights);
    expect(result.model.layers[0]?.bias).toEqual(untrained.model.layers[0]?.bias);
  });

  test.each(lastUpdateOverflows)(
    "%s: the last update overflowing the loss is a divergence like any other",
    (_, request) => {
      // A long run finds where it breaks: `kept` updates, then one that overflows the loss.
      const long = train(request);
      expectDivergedAndFinite(long);
      const kept = long.epochs;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(request.training.epochs - 1);
      // With kept + 1 epochs that update is the last one: the same verdict and the same numbers.
      const short = train(withEpochs(request, kept + 1));
      expectDivergedAndFinite(short);
      expect(short.epochs).toBe(kept);
      expect(short.weightsHash).toBe(long.weightsHash);
      expect(short.model.layers).toEqual(long.model.layers);
      expect(short.loss).toBe(long.loss);
      expect(short.history).toEqual(long.history);
      // One epoch fewer and the run ends normally, after `kept` epochs (on the very same weights
      // when an epoch is one update; mini-batches keep the updates of the broken epoch before
      // the one that overflowed).
      const complete = train(withEpochs(request, kept));
      expect(complete.stoppedBy).toBe("epochs");
      expect(complete.epochs).toBe(kept);
      if (request.training.batchSize === undefined)
        expect(complete.weightsHash).toBe(long.weightsHash);
    },
  );

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
