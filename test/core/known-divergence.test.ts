// The run of known-divergence.ts, which once ended differently when observed or cut in slices
// (each slice was a run of its own, judging its last weights): diverging in its last epochs, it
// ends the same in one go, observed one epoch at a time (observeRun goes on from one setup), and
// as a job of one-epoch slices (each goes on unjudged, SliceOptions).
import { expect, test } from "vitest";
import {
  observeRun,
  resolveRequest,
  type TrainResult,
  train,
  trainedTo,
} from "../../shared/index.ts";
import { limitsForSlices, planFor, runAsJob, uncapped } from "./job-slices.ts";
import { divergingRequest } from "./known-divergence.ts";

/** Everything of a result but its price (a slice is priced on its own). */
const unpriced = ({ cost: _, ...rest }: TrainResult) => rest;

test("the one-go run trains past epoch 7, diverges and falls back to its initial weights", () => {
  const long = train(divergingRequest);
  expect(long.stoppedBy).toBe("diverged");
  expect(long.epochs).toBe(0);
});

test("at epoch 7 the run goes on from weights that overflow over the table, unjudged", () => {
  const seven = trainedTo(divergingRequest, 7);
  expect(seven.stoppedBy).toBe("epochs");
  expect(seven.epochs).toBe(7);
  expect(Number.isFinite(seven.loss)).toBe(false);
  // Ended there, the same weights are judged: the last update is undone.
  const endedAtSeven = train({
    ...divergingRequest,
    training: { ...divergingRequest.training, epochs: 7 },
  });
  expect(endedAtSeven.stoppedBy).toBe("diverged");
  expect(endedAtSeven.epochs).toBe(6);
});

test("observed one epoch at a time, its last snapshot is the one-go run", () => {
  const whole = train(divergingRequest);
  const snapshots = [...observeRun(divergingRequest, 1)];
  const last = snapshots.at(-1);
  expect(last?.last).toBe(true);
  expect(last?.epoch).toBe(0);
  expect(last?.model).toEqual(whole.model);
  expect(last?.result && unpriced(last.result)).toEqual(unpriced(whole));
});

test("as a job of one-epoch slices (JSON between steps), it ends as the one-go run", () => {
  const request = resolveRequest(divergingRequest);
  const limits = limitsForSlices(request, 1);
  const plan = planFor(request, limits);
  expect(plan.slices).toBe(8);
  const job = runAsJob({ request }, plan, limits);
  expect(unpriced(job)).toEqual(unpriced(train(divergingRequest, uncapped)));
});
