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
  watchRun,
} from "../../shared/index.ts";
import { divergingArbitrary, requestArbitrary } from "./arbitraries.ts";

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

  const snapshotsProperty = (request: TrainRequest, every: number) => {
    const whole = train(request);
    const snapshots = [...observeRun(request, every)];
    const first = snapshots[0];
    expect(first?.epoch).toBe(0);
    expect(first?.model).toEqual(initialModel(request));
    const last = snapshots.at(-1);
    expect(last?.last).toBe(true);
    expect(last?.epoch).toBe(whole.epochs);
    expect(last?.model).toEqual(whole.model);
    expect(last?.loss).toBe(whole.loss);
    const { cost: _, ...rest } = whole;
    expect(last?.result).toMatchObject(rest);
    for (const snapshot of snapshots.slice(1, -1)) {
      expect(snapshot.epoch % every).toBe(0);
      expect(snapshot.last).toBe(false);
      // The run ended at that epoch judges its weights over the table; the watched run goes on
      // unjudged. They are the same run when those weights are finite there, else the watched
      // run's loss shows they overflow.
      const stopped = train(withEpochs(request, snapshot.epoch));
      if (stopped.stoppedBy === "epochs") {
        expect(snapshot.model.layers).toEqual(stopped.model.layers);
        expect(snapshot.loss).toBe(stopped.loss);
      } else {
        expect(Number.isFinite(snapshot.loss)).toBe(false);
      }
    }
  };

  test(
    "any request: snapshots every k epochs are the run at theirs; the last is train's",
    () => {
      fc.assert(fc.property(requestArbitrary, fc.integer({ min: 1, max: 7 }), snapshotsProperty), {
        numRuns: 150,
      });
    },
    propertyTimeout,
  );

  test(
    "diverging requests: the observed run ends as train's, however it diverges",
    () => {
      fc.assert(
        fc.property(divergingArbitrary, fc.integer({ min: 1, max: 5 }), snapshotsProperty),
        { numRuns: 150 },
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

describe("watchRun: any point of the run, down to one mini-batch", () => {
  const xorInBatches: TrainRequest = {
    ...xor,
    training: { ...xor.training, epochs: 6, batchSize: 1, optimizer: "sgd" },
  };

  test("each mini-batch is one SGD step on one row, every row once an epoch; the end is train's", () => {
    const watched = watchRun(xorInBatches);
    expect(watched.batches).toBe(4);
    const table = watched.request.table;
    for (let epoch = 0; epoch < 6; epoch++) {
      const rowsTaken: number[] = [];
      let before = watched.at(epoch, 0);
      for (let batch = 1; batch <= 4; batch++) {
        const after = batch < 4 ? watched.at(epoch, batch) : watched.at(epoch + 1, 0);
        expect(after.epoch).toBe(batch < 4 ? epoch : epoch + 1);
        expect(after.batch).toBe(batch % 4);
        // traceStep spells out one plain SGD step on one row: exactly one row gives `after`.
        const rows = [0, 1, 2, 3].filter((row) => {
          const step = traceStep(before.model, table, row);
          return step.layers.every(
            (layer, l) =>
              JSON.stringify([layer.weightsAfter, layer.biasAfter]) ===
              JSON.stringify([after.model.layers[l]?.weights, after.model.layers[l]?.bias]),
          );
        });
        expect(rows).toHaveLength(1);
        rowsTaken.push(rows[0] as number);
        expect(after.loss).toBe(evaluate(after.model).loss);
        before = after;
      }
      expect([...rowsTaken].sort()).toEqual([0, 1, 2, 3]);
    }
    const end = watched.at(6, 0);
    expect(end.last).toBe(true);
    expect(end.model).toEqual(train(xorInBatches).model);
    expect(end.loss).toBe(train(xorInBatches).loss);
  });

  test(
    "any request: a point from a checkpoint is the point from the seed; whole epochs are the snapshots",
    () => {
      fc.assert(
        fc.property(
          requestArbitrary,
          fc.integer({ min: 1, max: 3 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (request, every, at, within) => {
            const watched = watchRun(request);
            const snapshots = [...watched.snapshots(every, 1)];
            const last = snapshots.at(-1);
            for (const snapshot of snapshots.slice(0, -1)) {
              const point = watched.at(snapshot.epoch, 0, snapshot.checkpoint);
              expect(point.model).toEqual(snapshot.model);
              expect(point.loss).toBe(snapshot.loss);
            }
            const end = watched.at(watched.request.training.epochs, 0);
            expect(end.last).toBe(true);
            expect(end.model).toEqual(last?.result?.model);
            expect(end.epoch).toBe(last?.epoch);
            const epoch = Math.floor(at * (last?.epoch ?? 0));
            const batch = Math.floor(within * watched.batches);
            const fromSeed = watched.at(epoch, batch);
            const from = snapshots.filter((s) => s.checkpoint && s.epoch <= epoch).at(-1);
            const resumed = watched.at(epoch, batch, from?.checkpoint);
            expect(resumed).toEqual(fromSeed);
          },
        ),
        { numRuns: 150 },
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
