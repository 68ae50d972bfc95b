// Properties over random small requests (fast-check): shapes, determinism, exact JSON round
// trips, a cost that grows with the work, and `predict` agreeing with training.
import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import {
  ModelSchema,
  predict,
  type TrainRequest,
  TrainResultSchema,
  train,
  trainingCost,
} from "../../shared/index.ts";
import { requestArbitrary } from "./arbitraries.ts";

const runs = { numRuns: 60 };

function sameBits(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, k) => Object.is(value, b[k]));
}

const allWeights = (result: ReturnType<typeof train>) =>
  result.model.layers.flatMap((layer) => [...layer.weights.flat(), ...(layer.bias ?? [])]);

describe("properties", () => {
  test("a result has the request's shape and passes its own schema", () => {
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        const result = train(request);
        const rows = request.table.inputs.length;
        const outputs = request.table.targets[0]?.length ?? 0;
        expect(result.predictions).toHaveLength(rows);
        for (const row of result.predictions) expect(row).toHaveLength(outputs);
        const sizes = [
          request.table.inputs[0]?.length,
          ...request.network.hidden.map((h) => h.units),
          outputs,
        ];
        result.model.layers.forEach((layer, l) => {
          expect(layer.weights).toHaveLength(sizes[l] as number);
          for (const row of layer.weights) expect(row).toHaveLength(sizes[l + 1] as number);
          expect(layer.bias === null).toBe(request.network.bias === false);
        });
        expect(result.history.length).toBeLessThanOrEqual(200);
        expect(result.history[0]?.[0]).toBe(0);
        expect(result.history.at(-1)).toEqual([result.epochs, result.loss]);
        expect(result.weightsHash).toMatch(/^[0-9a-f]{16}$/);
        expect(v.safeParse(TrainResultSchema, result).success).toBe(true);
      }),
      runs,
    );
  });

  test("the same request gives bit-identical weights", () => {
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        const first = train(request);
        const second = train(structuredClone(request));
        expect(sameBits(allWeights(first), allWeights(second))).toBe(true);
        expect(second.weightsHash).toBe(first.weightsHash);
      }),
      runs,
    );
  });

  test("a model survives JSON exactly: every double, and its predictions", () => {
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        const result = train(request);
        const back = v.parse(ModelSchema, JSON.parse(JSON.stringify(result.model)));
        expect(back).toEqual(result.model);
        const before = result.model.layers.flatMap((l) => [...l.weights.flat(), ...(l.bias ?? [])]);
        const after = back.layers.flatMap((l) => [...l.weights.flat(), ...(l.bias ?? [])]);
        expect(sameBits(before, after)).toBe(true);
        expect(
          sameBits(predict(back, request.table.inputs).flat(), result.predictions.flat()),
        ).toBe(true);
      }),
      runs,
    );
  });

  test("predict on the training rows gives the result's predictions, bit for bit", () => {
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        const result = train(request);
        expect(
          sameBits(predict(result.model, request.table.inputs).flat(), result.predictions.flat()),
        ).toBe(true);
      }),
      runs,
    );
  });

  test("the cost grows with epochs, rows and units", () => {
    fc.assert(
      fc.property(requestArbitrary, fc.integer({ min: 1, max: 100 }), (request, more) => {
        const cost = trainingCost(request);
        expect(cost).toBeGreaterThan(0);
        const longer: TrainRequest = {
          ...request,
          training: { ...request.training, epochs: request.training.epochs + more },
        };
        expect(trainingCost(longer)).toBeGreaterThan(cost);
        const { inputs, targets } = request.table;
        const taller: TrainRequest = {
          ...request,
          table: { inputs: [...inputs, inputs[0] ?? []], targets: [...targets, targets[0] ?? []] },
        };
        expect(trainingCost(taller)).toBeGreaterThan(cost);
        // Wider hidden layers (when there are any; otherwise more outputs are more units).
        const wider: TrainRequest =
          request.network.hidden.length > 0
            ? {
                ...request,
                network: {
                  ...request.network,
                  hidden: request.network.hidden.map((layer) => ({
                    ...layer,
                    units: layer.units + more,
                  })),
                },
              }
            : {
                ...request,
                table: { ...request.table, targets: targets.map((row) => [...row, 0]) },
              };
        expect(trainingCost(wider)).toBeGreaterThan(cost);
      }),
      runs,
    );
  });

  test("a long run keeps at most 200 history points, the first and the last", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), (epochs) => {
        const result = train({
          table: { inputs: [[0], [1]], targets: [[1], [0]] },
          network: { hidden: [], output: "sigmoid" },
          training: { epochs, learningRate: 0.5 },
        });
        expect(result.history.length).toBeLessThanOrEqual(200);
        expect(result.history.length).toBe(Math.min(epochs + 1, result.history.length));
        expect(result.history[0]?.[0]).toBe(0);
        expect(result.history.at(-1)?.[0]).toBe(epochs);
        const epochsSeen = result.history.map(([epoch]) => epoch);
        expect([...epochsSeen].sort((a, b) => a - b)).toEqual(epochsSeen);
        expect(new Set(epochsSeen).size).toBe(epochsSeen.length);
      }),
      { numRuns: 30 },
    );
  });
});
