// A job whose run diverges right after its first slice: the Workflow's slices go on from weights
// that overflow over the table, as the run in one go does, and the job ends bit for bit as that
// run with no cost cap (which falls back to its initial weights). A chain of continues judges its
// first piece at its end and stops there: a stored model is the end of its own run (docs/jobs.md).
import { describe, expect, it } from "vitest";
import {
  allRows,
  type SliceInProgress,
  type TrainRequest,
  type TrainResult,
  train,
} from "../../shared/index.ts";
import { expectProblem, postJson } from "./helpers.ts";
import { jobStatus, startJob, storedModel, trainUncapped, uncapped } from "./job-helpers.ts";

const rows = allRows(8);
const sliceEpochs = 168;

/**
 * Linear regression on 256 rows in mini-batches of 128, its learning rate just over what it takes:
 * the slow divergence reaches the table's overflow with the last update of epoch 168, which is
 * where the plan cuts it (slices of 168 epochs with the default limits).
 */
const request: TrainRequest = {
  table: { inputs: rows, targets: rows.map((row) => [(row[0] ?? 0) ^ (row[7] ?? 0), row[1] ?? 0]) },
  network: { hidden: [], output: "linear" },
  training: {
    epochs: 2 * sliceEpochs,
    learningRate: 1.216,
    optimizer: "sgd",
    batchSize: 128,
    seed: 3,
    loss: "mse",
  },
};
const withEpochs = (epochs: number): TrainRequest => ({
  ...request,
  training: { ...request.training, epochs },
});

/** A result as JSON text: refuses NaN and ±Infinity, which JSON cannot hold. */
const strictJson = (value: unknown) =>
  JSON.stringify(value, (key, item) => {
    if (typeof item === "number" && !Number.isFinite(item)) throw new Error(`${key}: ${item}`);
    return item;
  });

describe("a job that diverges at a slice boundary", () => {
  it("goes on from its first slice unjudged and ends bit for bit as the uncapped run", async () => {
    const expected = trainUncapped(request);
    expect(expected.stoppedBy).toBe("diverged");
    expect(expected.epochs).toBe(0);
    // The run at the boundary, going on: its weights overflow over the table, unjudged; ended
    // there instead, they are judged and the last update is undone.
    const goingOn = train(withEpochs(sliceEpochs), uncapped, { runEpochs: 2 * sliceEpochs });
    expect(goingOn.stoppedBy).toBe("epochs");
    expect(Number.isFinite(goingOn.loss)).toBe(false);
    const ended = train(withEpochs(sliceEpochs), uncapped);
    expect([ended.stoppedBy, ended.epochs]).toEqual(["diverged", sliceEpochs - 1]);

    const { accepted, instance, introspector } = await startJob(request);
    await using _introspector = introspector;
    expect([accepted.slices, accepted.epochsPerSlice]).toEqual([2, sliceEpochs]);
    // The first step's stored result: the model and the state to go on from, JSON, no loss.
    const first = (await instance.waitForStepResult({ name: "slice 1" })) as SliceInProgress;
    expect(first.goesOn).toBe(true);
    expect(first.epochs).toBe(sliceEpochs);
    expect(first.loss).toBeNull();
    expect(first.model.layers).toEqual(goingOn.model.layers);
    expect(JSON.parse(strictJson(first.state))).toEqual(goingOn.state);
    expect(first.state.beforeLastUpdate).toHaveLength(1);
    await instance.waitForStatus("complete");

    const stored = await storedModel(accepted.id);
    expect(stored.model).toStrictEqual(expected.model);
    const { cost: _, model: __, ...rest } = expected as TrainResult & { cost: number };
    expect(stored.result).toMatchObject(rest);
    expect(Object.is(stored.result.loss, expected.loss)).toBe(true);
    const { view } = await jobStatus(accepted.id, accepted.deleteToken);
    expect(view).toMatchObject({ status: "complete", epochsDone: 0, slicesDone: 2 });
    expect(Object.is(view.loss, expected.loss)).toBe(true);
  });

  it("continued from a stored model, stops where its first piece stopped", async () => {
    const response = await postJson("/api/train", withEpochs(sliceEpochs));
    expect(response.status).toBe(201);
    const first = (await response.json()) as { id: string; result: TrainResult };
    expect([first.result.stoppedBy, first.result.epochs]).toEqual(["diverged", sliceEpochs - 1]);
    await expectProblem(
      await postJson(`/api/models/${first.id}/train`, { epochs: sliceEpochs }),
      409,
    );
  });
});
