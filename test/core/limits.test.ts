// Every limit refuses a request before any work, with the figure, the limit and the field.
import { beforeEach, describe, expect, test, vi } from "vitest";
import {
  checkLimits,
  defaultLimits,
  LimitError,
  type Limits,
  resolveRequest,
  type TrainRequest,
  train,
  trainingCost,
} from "../../shared/index.ts";
import { runTraining } from "../../shared/training/run.ts";

// Watch the training loop itself: a refused request must never reach it.
vi.mock("../../shared/training/run.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../shared/training/run.ts")>();
  return { ...original, runTraining: vi.fn(original.runTraining) };
});

const small: TrainRequest = {
  table: { inputs: [[0], [1]], targets: [[1], [0]] },
  network: { hidden: [{ units: 2, activation: "tanh" }], output: "sigmoid" },
  training: { epochs: 10, learningRate: 0.5 },
};

const rows = (count: number, width: number) =>
  Array.from({ length: count }, (_, r) => Array.from({ length: width }, (_, c) => (r >> c) & 1));

// Every part at its own limit: 256 rows × 16 columns, 4 layers of 64 units, 100,000 epochs.
const atLimits: TrainRequest = {
  table: { inputs: rows(256, 16), targets: rows(256, 16) },
  network: { hidden: Array(4).fill({ units: 64, activation: "relu" }), output: "sigmoid" },
  training: { epochs: 100_000, learningRate: 0.1 },
};

type Over = [keyof Limits, string, TrainRequest, number];

const overs: Over[] = [
  [
    "maxRows",
    "table.inputs",
    { ...small, table: { inputs: rows(257, 1), targets: rows(257, 1) } },
    257,
  ],
  [
    "maxInputs",
    "table.inputs.0",
    { ...small, table: { inputs: rows(2, 17), targets: rows(2, 1) } },
    17,
  ],
  [
    "maxOutputs",
    "table.targets.0",
    { ...small, table: { inputs: rows(2, 1), targets: rows(2, 17) } },
    17,
  ],
  [
    "maxHiddenLayers",
    "network.hidden",
    {
      ...small,
      network: { ...small.network, hidden: Array(5).fill({ units: 2, activation: "tanh" }) },
    },
    5,
  ],
  [
    "maxUnits",
    "network.hidden.2.units",
    {
      ...small,
      network: {
        ...small.network,
        hidden: [
          { units: 2, activation: "tanh" },
          { units: 64, activation: "tanh" },
          { units: 65, activation: "tanh" },
        ],
      },
    },
    65,
  ],
  ["maxEpochs", "training.epochs", { ...small, training: { ...small.training, epochs: 1e9 } }, 1e9],
];

beforeEach(() => {
  vi.mocked(runTraining).mockClear();
});

describe("limits", () => {
  test.each(overs)(
    "%s: refused with its figure, limit and path, before any work",
    (limit, path, request, figure) => {
      let thrown: unknown;
      try {
        train(request);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(LimitError);
      const error = thrown as LimitError;
      expect(error.limit).toBe(limit);
      expect(error.figure).toBe(figure);
      expect(error.allowed).toBe(defaultLimits[limit]);
      expect(error.path).toBe(path);
      expect(runTraining).not.toHaveBeenCalled();
    },
  );

  test("a run over maxCost is refused before work, however small each part", () => {
    const cost = trainingCost(atLimits);
    expect(cost).toBeGreaterThan(defaultLimits.maxCost);
    expect(() => train(atLimits)).toThrow(LimitError);
    try {
      train(atLimits);
    } catch (error) {
      expect(error).toMatchObject({
        limit: "maxCost",
        figure: cost,
        allowed: defaultLimits.maxCost,
        path: "",
      });
    }
    expect(runTraining).not.toHaveBeenCalled();
  });

  test("custom limits apply: raise one to let a run through, lower one to refuse it", () => {
    const cost = trainingCost(small);
    expect(() => train(small, { ...defaultLimits, maxCost: cost - 1 })).toThrow(LimitError);
    expect(runTraining).not.toHaveBeenCalled();
    expect(train(small, { ...defaultLimits, maxCost: cost }).cost).toBe(cost);
    expect(runTraining).toHaveBeenCalledTimes(1);
  });

  test("checkLimits passes a request at every limit exactly", () => {
    expect(() =>
      checkLimits(resolveRequest(atLimits), {
        ...defaultLimits,
        maxCost: Number.POSITIVE_INFINITY,
      }),
    ).not.toThrow();
  });

  test("the error message reads as figure > limit", () => {
    expect(() => train({ ...small, training: { ...small.training, epochs: 250_000 } })).toThrow(
      "epochs 2.5e5 > 1e5",
    );
  });
});
