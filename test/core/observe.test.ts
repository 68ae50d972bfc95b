// Watching a run: snapshots are the training loop stopped at their epoch, from the seeded init to
// the very model `train` returns; evaluate and layerOutputs read a model as train and predict do.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  evaluate,
  initialModel,
  layerOutputs,
  observeRun,
  predict,
  type TrainRequest,
  traceStep,
  train,
  trainedTo,
} from "../../shared/index.ts";
import { requestArbitrary } from "./arbitraries.ts";
import { divergenceSafeSeed } from "./known-divergence.ts";

// Property runs train hundreds of small networks: generous on a loaded 2-core machine.
const propertyTimeout = 120_000;

const withEpochs = (request: TrainRequest, epochs: number): TrainRequest => ({
  ...request,
  training: { ...request.training, epochs },
});

const xor: TrainRequest = {
  table: {
    inputs: [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ],
    targets: [[0], [1], [1], [0]],
  },
  network: { hidden: [{ units: 4, activation: "tanh" }], output: "sigmoid" },
  training: { epochs: 300, learningRate: 1, loss: "bce", seed: 0 },
};

describe("observeRun", () => {
  test("epoch 0 is the seeded init: one step traced from it is train's first epoch", () => {
    for (const loss of ["sse", "mse", "bce"] as const) {
      for (const bias of [true, false]) {
        const request: TrainRequest = {
          table: { inputs: [[1, 0, 1]], targets: [[1, 0]] },
          network: { hidden: [{ units: 3, activation: "tanh" }], output: "sigmoid", bias },
          training: { epochs: 1, learningRate: 0.7, loss, seed: 5 },
        };
        const start = initialModel(request);
        const trace = traceStep(start, start.request.table, 0);
        const trained = train(request).model;
        trace.layers.forEach((layer, l) => {
          expect(layer.weightsBefore).toEqual(start.layers[l]?.weights);
          expect(layer.weightsAfter).toEqual(trained.layers[l]?.weights);
        });
      }
    }
  });

  test("xor: every epoch kept, each the run stopped there, the last train's own model", () => {
    const snapshots = [...observeRun(xor, 1)];
    expect(snapshots.map((s) => s.epoch)).toEqual(Array.from({ length: 301 }, (_, e) => e));
    expect(snapshots.filter((s) => s.last).map((s) => s.epoch)).toEqual([300]);
    const whole = train(xor);
    const last = snapshots.at(-1);
    expect(last?.model).toEqual(whole.model);
    expect(last?.result?.weightsHash).toBe(whole.weightsHash);
    expect(last?.loss).toBe(whole.loss);
    // Full batch: the history's points are the loss of the weights after that many epochs.
    for (const [epoch, loss] of whole.history) expect(snapshots[epoch]?.loss).toBe(loss);
    // Training really moves the weights between snapshots.
    expect(snapshots[0]?.model.layers).not.toEqual(snapshots[1]?.model.layers);
  });

  test(
    "any request: snapshots every k epochs equal train stopped at theirs; the last is train's",
    () => {
      fc.assert(
        fc.property(requestArbitrary, fc.integer({ min: 1, max: 7 }), (request, every) => {
          const whole = train(request);
          const snapshots = [...observeRun(request, every)];
          const first = snapshots[0];
          expect(first?.epoch).toBe(0);
          expect(first?.model).toEqual(initialModel(request));
          const last = snapshots.at(-1);
          expect(last?.last).toBe(true);
          expect(last?.epoch).toBe(whole.epochs);
          expect(last?.model.layers).toEqual(whole.model.layers);
          expect(last?.loss).toBe(whole.loss);
          expect(last?.result?.stoppedBy).toBe(whole.stoppedBy);
          for (const snapshot of snapshots.slice(1, -1)) {
            expect(snapshot.epoch % every).toBe(0);
            const stopped = train(withEpochs(request, snapshot.epoch));
            expect(snapshot.model.layers).toEqual(stopped.model.layers);
            expect(snapshot.loss).toBe(stopped.loss);
          }
        }),
        { numRuns: 150, seed: divergenceSafeSeed },
      );
    },
    propertyTimeout,
  );

  test(
    "trainedTo from an earlier point of the run equals the run stopped there",
    () => {
      fc.assert(
        fc.property(requestArbitrary, fc.double({ min: 0, max: 1, noNaN: true }), (request, at) => {
          const epochs = resolveEpochs(request);
          const middle = Math.max(1, Math.floor(at * epochs));
          const early = trainedTo(request, middle);
          const later = trainedTo(request, epochs, early);
          expect(later.model).toEqual(train(request).model);
          expect(later.loss).toBe(train(request).loss);
        }),
        { numRuns: 100 },
      );
    },
    propertyTimeout,
  );
});

function resolveEpochs(request: TrainRequest): number {
  return request.training.epochs;
}

describe("evaluate and layerOutputs", () => {
  test(
    "evaluate reads a trained model as train reported it",
    () => {
      fc.assert(
        fc.property(requestArbitrary, (request) => {
          const result = train(request);
          const evaluation = evaluate(result.model);
          expect(evaluation.loss).toBe(result.loss);
          expect(evaluation.predictions).toEqual(result.predictions);
          expect(evaluation.accuracy).toBe(result.accuracy);
        }),
        { numRuns: 150 },
      );
    },
    propertyTimeout,
  );

  test("layerOutputs' last layer is predict's answer, row for row", () => {
    const model = train(xor).model;
    const rows = [
      [0.25, 0.5],
      [0, 1],
      [0.9, 0.1],
      [1, 1],
      [0.5, 0.5],
    ];
    const layers = layerOutputs(model, Float64Array.from(rows.flat()), rows.length);
    expect(layers.map((layer) => layer.length)).toEqual([5 * 4, 5]);
    expect(Array.from(layers[1] ?? [])).toEqual(predict(model, rows).flat());
  });
});
