// A job equals the core's uncapped run and the same run chained through
// POST /api/models/{id}/train, for every optimizer, full batch and mini-batch, and when a target
// loss stops it early.
import { describe, expect, it } from "vitest";
import { allRows, type TrainRequest } from "../../shared/index.ts";
import { postJson } from "./helpers.ts";
import { expectSameRun, jobStatus, startJob, storedModel, trainUncapped } from "./job-helpers.ts";

const rows = allRows(4);
/** 4-6-1 on a 16-row table: 4,000 epochs cost 2.3–3.6e7, over one request, so 3–5 slices. */
function request(optimizer: "sgd" | "momentum" | "adam", batchSize: number): TrainRequest {
  return {
    table: { inputs: rows, targets: rows.map((row) => [(row[0] ?? 0) ^ (row[3] ?? 0)]) },
    network: { hidden: [{ units: 6, activation: "tanh" }], output: "sigmoid" },
    training: {
      epochs: 4000,
      learningRate: optimizer === "adam" ? 0.01 : 0.1,
      optimizer,
      batchSize,
      seed: 3,
      loss: "bce",
    },
  };
}

/** The same run as /api/train then POST /api/models/{id}/train, in pieces of `piece` epochs. */
async function chained(whole: TrainRequest, piece: number) {
  const total = whole.training.epochs;
  const first = { ...whole, training: { ...whole.training, epochs: piece } };
  let response = await postJson("/api/train", first);
  expect(response.status).toBe(201);
  let body = (await response.json()) as { id: string };
  const ids = [body.id];
  for (let done = piece; done < total; done += piece) {
    response = await postJson(`/api/models/${body.id}/train`, {
      epochs: Math.min(piece, total - done),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    body = (await response.json()) as { id: string };
    ids.push(body.id);
  }
  return { last: await storedModel(body.id), ids };
}

describe.each(["sgd", "momentum", "adam"] as const)("%s", (optimizer) => {
  it.each([
    ["full batch", 16],
    ["mini-batches of 4", 4],
  ])("%s: job = uncapped run = chained continues", async (_, batchSize) => {
    const whole = request(optimizer, batchSize);
    const expected = trainUncapped(whole);
    const { accepted, instance, introspector } = await startJob(whole);
    await using _introspector = introspector;
    expect(accepted.slices).toBeGreaterThan(2);
    await instance.waitForStatus("complete");
    const job = await storedModel(accepted.id);
    expectSameRun(job, expected);
    const { last, ids } = await chained(whole, 1000);
    expect(ids).toHaveLength(4);
    expectSameRun(last, expected);
    expect(last.parent).toBe(ids[2]);
  });
});

describe("a target loss", () => {
  it("stops the job early, as it stops the uncapped run", async () => {
    const base = request("momentum", 16);
    const whole = {
      ...base,
      training: { ...base.training, epochs: 12_000, targetLoss: 0.01 },
    };
    const expected = trainUncapped(whole);
    expect(expected.stoppedBy).toBe("target-loss");
    const { accepted, instance, introspector } = await startJob(whole);
    await using _introspector = introspector;
    expect(accepted.slices).toBeGreaterThan(3);
    await instance.waitForStatus("complete");
    // It stopped in an early slice: the ones after it never ran.
    expect(expected.epochs).toBeLessThan(12_000 - 2 * (12_000 / accepted.slices));
    const job = await storedModel(accepted.id);
    expectSameRun(job, expected);
    const { view } = await jobStatus(accepted.id, accepted.deleteToken);
    expect(view.status).toBe("complete");
    expect(view.slicesDone).toBeLessThan(accepted.slices);
    expect(view.epochsDone).toBe(expected.epochs);
  });
});
