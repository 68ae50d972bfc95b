// A job's slices (shared/training/job-slice.ts, what each Workflow step runs), cut as planJob cuts
// them and each through JSON as Workflows stores a step's result, end bit for bit as the run in one
// go with no cost cap: weights, stoppedBy, epochs, loss, history, predictions and state, for
// diverging runs too, from a request or from a stored model.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  resolveRequest,
  resume,
  type TrainRequest,
  type TrainResult,
  train,
} from "../../shared/index.ts";
import { divergingArbitrary, requestArbitrary } from "./arbitraries.ts";
import { limitsForSlices, planFor, runAsJob, uncapped } from "./job-slices.ts";

// Property runs train hundreds of small networks: generous on a loaded 2-core machine.
const propertyTimeout = 120_000;

/**
 * Everything of a result but its price (each slice is priced on its own), as JSON: the job's end
 * is its result's JSON (a diverged run's optimizer state may hold NaN, written as null).
 */
const unpriced = ({ cost: _, ...rest }: TrainResult) => JSON.parse(JSON.stringify(rest));

function jobEqualsOneGo(request: TrainRequest, epochsPerSlice: number) {
  const resolved = resolveRequest(request);
  const limits = limitsForSlices(resolved, epochsPerSlice);
  const plan = planFor(resolved, limits);
  expect(plan.epochsPerSlice).toBe(Math.min(epochsPerSlice, resolved.training.epochs));
  const job = runAsJob({ request: resolved }, plan, limits);
  expect(unpriced(job)).toEqual(unpriced(train(request, uncapped)));
}

describe("a job's slices", () => {
  test(
    "any request: the job ends as the run in one go",
    () => {
      fc.assert(fc.property(requestArbitrary, fc.integer({ min: 1, max: 6 }), jobEqualsOneGo), {
        numRuns: 150,
      });
    },
    propertyTimeout,
  );

  test(
    "diverging requests: the job ends as the run in one go, however it diverges",
    () => {
      fc.assert(fc.property(divergingArbitrary, fc.integer({ min: 1, max: 4 }), jobEqualsOneGo), {
        numRuns: 300,
      });
    },
    propertyTimeout,
  );

  test(
    "from a stored model: the job ends as resuming it in one go",
    () => {
      fc.assert(
        fc.property(
          divergingArbitrary,
          fc.integer({ min: 1, max: 10 }),
          fc.integer({ min: 1, max: 4 }),
          (request, more, epochsPerSlice) => {
            const parent = train(request);
            fc.pre(parent.stoppedBy === "epochs");
            const { model, state } = parent;
            const added = {
              ...model.request,
              training: { ...model.request.training, epochs: more },
            };
            const limits = limitsForSlices(added, epochsPerSlice);
            const plan = planFor(added, limits);
            const job = runAsJob({ model, state }, plan, limits);
            expect(unpriced(job)).toEqual(unpriced(resume(model, state, more, uncapped)));
          },
        ),
        { numRuns: 150 },
      );
    },
    propertyTimeout,
  );
});
