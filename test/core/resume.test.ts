// Resuming is invisible: E₁ epochs, then `resume` for E₂ more, is one run of E₁ + E₂ epochs in
// every bit (weights, biases, optimizer state, loss, history); a stopped run is not resumed; a
// state that does not fit its model is refused field by field; a resume is priced on its own.
import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import {
  defaultLimits,
  LimitError,
  RequestError,
  resume,
  resumeCost,
  StoppedRunError,
  type TrainingState,
  TrainingStateSchema,
  type TrainRequest,
  type TrainResult,
  train,
  trainingCost,
  trainingStateFormat,
} from "../../shared/index.ts";
import { preset, xor } from "../support/tables.ts";
import { requestArbitrary } from "./arbitraries.ts";

const noCap = { ...defaultLimits, maxCost: Number.POSITIVE_INFINITY };

const withEpochs = (request: TrainRequest, epochs: number): TrainRequest => ({
  ...request,
  training: { ...request.training, epochs },
});

const allValues = (result: TrainResult) =>
  result.model.layers.flatMap((layer) => [...layer.weights.flat(), ...(layer.bias ?? [])]);

function sameBits(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, k) => Object.is(value, b[k]));
}

/** What a client holds between two calls: the model and its state as JSON text. */
const overJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function expectSameRun(resumed: TrainResult, long: TrainResult): void {
  expect(sameBits(allValues(resumed), allValues(long))).toBe(true);
  expect(resumed.weightsHash).toBe(long.weightsHash);
  expect(Object.is(resumed.loss, long.loss)).toBe(true);
  expect(resumed.stoppedBy).toBe(long.stoppedBy);
  expect(resumed.epochs).toBe(long.epochs);
  expect(resumed.history).toEqual(long.history);
  expect(resumed.state).toEqual(long.state);
  expect(resumed.model.request).toEqual(long.model.request);
  expect(sameBits(resumed.predictions.flat(), long.predictions.flat())).toBe(true);
}

describe("resume", () => {
  test("E₁ epochs then E₂ more is one run of E₁ + E₂, bit for bit, through JSON", () => {
    let resumes = 0;
    fc.assert(
      fc.property(
        requestArbitrary,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        (request, first, more) => {
          const start = train(withEpochs(request, first), noCap);
          const long = train(withEpochs(request, first + more), noCap);
          if (start.stoppedBy !== "epochs") {
            expect(() => resume(start.model, start.state, more, noCap)).toThrow(StoppedRunError);
            return;
          }
          const resumed = resume(overJson(start.model), overJson(start.state), more, noCap);
          resumes++;
          expectSameRun(resumed, long);
          expect(resumed.model.request.training.epochs).toBe(first + more);
          expect(resumed.state.epochsDone).toBe(resumed.epochs);
          expect(v.safeParse(TrainingStateSchema, overJson(resumed.state)).success).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
    // Most draws run their epochs (few diverge or stop), so most are really resumed.
    expect(resumes).toBeGreaterThan(100);
  });

  test("covers every optimizer, batch mode, regularization, bias and depth it is asked to", () => {
    // The property above draws from requestArbitrary; this pins that its draws reach every case.
    const seen = new Set<string>();
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        const rows = request.table.inputs.length;
        const mini = (request.training.batchSize ?? rows) < rows;
        seen.add(`optimizer ${request.training.optimizer}`);
        seen.add(`mini ${mini}`);
        seen.add(`regularized ${request.training.regularization !== undefined}`);
        seen.add(`bias ${request.network.bias}`);
        seen.add(`depth ${request.network.hidden.length}`);
      }),
      { numRuns: 150 },
    );
    expect([...seen].sort()).toEqual(
      [
        "bias false",
        "bias true",
        "depth 0",
        "depth 1",
        "depth 2",
        "mini false",
        "mini true",
        "optimizer adam",
        "optimizer momentum",
        "optimizer sgd",
        "regularized false",
        "regularized true",
      ].sort(),
    );
  });

  test.each([
    ["sgd", "full batch", { optimizer: "sgd" }],
    ["momentum", "mini-batches", { optimizer: "momentum", batchSize: 3 }],
    [
      "adam",
      "mini-batches, l2",
      { optimizer: "adam", batchSize: 2, regularization: { kind: "l2", rate: 0.001 } },
    ],
  ] as const)(
    "%s, %s: a chain of four resumes over a thinned history is one long run",
    (_, __, settings) => {
      const request: TrainRequest = {
        ...preset("full-adder"),
        training: { ...preset("full-adder").training, learningRate: 0.05, ...settings },
      };
      // 150 + 100 + 300 + 1 + 449 epochs: the history thins (199 points) twice along the way.
      let result = train(withEpochs(request, 150), noCap);
      for (const more of [100, 300, 1, 449])
        result = resume(overJson(result.model), overJson(result.state), more, noCap);
      const long = train(withEpochs(request, 1000), noCap);
      expectSameRun(result, long);
      expect(long.history.length).toBeLessThanOrEqual(200);
      expect(long.state.history.stride).toBe(8);
      // The model's request is the whole run: training it from scratch gives the same bits.
      expect(train(result.model.request, noCap).weightsHash).toBe(result.weightsHash);
    },
  );

  test("a run that stopped on its target loss is finished, and says so", () => {
    const stopped = train({
      ...preset("xor"),
      training: { ...preset("xor").training, targetLoss: 0.1 },
    });
    expect(stopped.stoppedBy).toBe("target-loss");
    expect(stopped.state.stoppedBy).toBe("target-loss");
    expect(stopped.state.epochsDone).toBe(stopped.epochs);
    expect(() => resume(stopped.model, stopped.state, 10)).toThrow(StoppedRunError);
    try {
      resume(stopped.model, stopped.state, 10);
    } catch (error) {
      expect(error).toMatchObject({
        name: "StoppedRunError",
        stoppedBy: "target-loss",
        epochsDone: stopped.epochs,
      });
    }
  });

  test("a run that diverged is not resumed", () => {
    const diverged = train({
      table: xor,
      network: { hidden: [{ units: 4, activation: "linear" }], output: "linear" },
      training: { epochs: 1000, learningRate: 1e6, loss: "sse" },
    });
    expect(diverged.state.stoppedBy).toBe("diverged");
    expect(() => resume(diverged.model, diverged.state, 10)).toThrow(StoppedRunError);
  });

  test("the state is versioned JSON, and survives a round trip bit for bit", () => {
    const result = train({
      ...preset("encoder-4-2-4"),
      training: { ...preset("encoder-4-2-4").training, epochs: 50, batchSize: 3 },
    });
    const state = result.state;
    expect(state.format).toBe(trainingStateFormat);
    expect(state.optimizer.kind).toBe("adam");
    expect(state.shuffle?.words).toHaveLength(624);
    const back = v.parse(TrainingStateSchema, overJson(state));
    expect(back).toEqual(state);
    if (state.optimizer.kind !== "adam" || back.optimizer.kind !== "adam") throw new Error("adam");
    expect(Object.is(back.optimizer.beta2Power, state.optimizer.beta2Power)).toBe(true);
    expect(
      sameBits(
        back.optimizer.secondMoment.flatMap((l) => l.weights),
        state.optimizer.secondMoment.flatMap((l) => l.weights),
      ),
    ).toBe(true);
  });
});

describe("a state that does not fit its model", () => {
  const momentumRun = train({
    ...preset("xor"),
    training: { ...preset("xor").training, epochs: 20, optimizer: "momentum", batchSize: 2 },
  });

  function pathsOf(model: TrainResult["model"], state: unknown): string[] {
    try {
      resume(model, state as TrainingState, 5);
    } catch (error) {
      expect(error).toBeInstanceOf(RequestError);
      return (error as RequestError).issues.map((issue) => issue.path);
    }
    throw new Error("resume accepted it");
  }

  test.each([
    [
      "another format",
      (s: TrainingState) => ({ ...s, format: "backprop-edge/state@0" }),
      ["state.format"],
    ],
    [
      "another optimizer",
      (s: TrainingState) => ({ ...s, optimizer: { kind: "sgd" } }),
      ["state.optimizer.kind"],
    ],
    [
      "a velocity too short",
      (s: TrainingState) =>
        s.optimizer.kind === "momentum"
          ? {
              ...s,
              optimizer: {
                ...s.optimizer,
                velocity: s.optimizer.velocity.map((l) => ({ ...l, weights: l.weights.slice(1) })),
              },
            }
          : s,
      ["state.optimizer.velocity.0.weights", "state.optimizer.velocity.1.weights"],
    ],
    [
      "no generator for mini-batches",
      (s: TrainingState) => ({ ...s, shuffle: null }),
      ["state.shuffle"],
    ],
    [
      "a row twice in the order",
      (s: TrainingState) =>
        s.shuffle ? { ...s, shuffle: { ...s.shuffle, order: [0, 0, 1, 2] } } : s,
      ["state.shuffle.order"],
    ],
    [
      "a word out of range",
      (s: TrainingState) =>
        s.shuffle
          ? { ...s, shuffle: { ...s.shuffle, words: [2 ** 32, ...s.shuffle.words.slice(1)] } }
          : s,
      ["state.shuffle.words.0"],
    ],
    [
      "other epochs than the model's",
      (s: TrainingState) => ({ ...s, epochsDone: 19 }),
      ["state.epochsDone", "state.history"],
    ],
    [
      "a history off its stride",
      (s: TrainingState) => ({ ...s, history: { ...s.history, stride: 2 } }),
      ["state.history"],
    ],
    [
      "an infinite velocity",
      (s: TrainingState) =>
        s.optimizer.kind === "momentum"
          ? {
              ...s,
              optimizer: {
                ...s.optimizer,
                velocity: [{ weights: [Number.POSITIVE_INFINITY], biases: null }],
              },
            }
          : s,
      ["state.optimizer.velocity.0.weights.0"],
    ],
  ] as const)("%s: RequestError at its path", (_, change, paths) => {
    expect(pathsOf(momentumRun.model, change(overJson(momentumRun.state)))).toEqual(paths);
  });

  test("layers that are not the request's network", () => {
    const model = overJson(momentumRun.model);
    model.request.network.hidden[0] = { units: 3, activation: "tanh" };
    expect(pathsOf(model, momentumRun.state)).toEqual(["model.layers"]);
  });

  test("epochs that are not a whole number from 1", () => {
    for (const epochs of [0, -1, 1.5, Number.NaN]) {
      expect(() => resume(momentumRun.model, momentumRun.state, epochs)).toThrow(RequestError);
    }
  });
});

describe("pricing a resume", () => {
  const request = preset("xor");
  const start = train(withEpochs(request, 100));

  test("costs what a run of its own epochs costs, and the result says so", () => {
    expect(resumeCost(start.model, 300)).toBe(trainingCost(withEpochs(request, 300)));
    expect(resume(start.model, start.state, 300).cost).toBe(trainingCost(withEpochs(request, 300)));
  });

  test("over maxCost: LimitError on `epochs`, before any training", () => {
    const maxCost = resumeCost(start.model, 300) - 1;
    const limits = { ...defaultLimits, maxCost };
    expect(() => resume(start.model, start.state, 300, limits)).toThrow(LimitError);
    try {
      resume(start.model, start.state, 300, limits);
    } catch (error) {
      expect(error).toMatchObject({ limit: "maxCost", path: "epochs", allowed: maxCost });
    }
    // Just under: the same resume goes through, though the whole run would be over the cap.
    expect(resume(start.model, start.state, 299, limits).epochs).toBe(399);
  });

  test("the total epochs still respect maxEpochs", () => {
    const limits = { ...defaultLimits, maxEpochs: 150 };
    expect(resume(start.model, start.state, 50, limits).epochs).toBe(150);
    try {
      resume(start.model, start.state, 51, limits);
      throw new Error("accepted");
    } catch (error) {
      expect(error).toMatchObject({
        limit: "maxEpochs",
        figure: 151,
        allowed: 150,
        path: "epochs",
      });
    }
  });
});
