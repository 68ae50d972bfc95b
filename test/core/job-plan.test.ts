// Cutting a run into slices for a job (shared/job-plan.ts): every step within its share of the
// per-request budget, the slices adding up to the run, and each job limit named when it is hit.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  defaultLimits,
  JobLimitError,
  jobLimitsFor,
  planJob,
  type ResolvedTrainRequest,
  resolveRequest,
  sliceEpochs,
  sliceShare,
  stepOverheadCost,
  type TrainRequest,
  trainingCost,
  workflowStepLimit,
  workflowStepResultBytes,
} from "../../shared/index.ts";
import { classics } from "../support/classics.ts";

const jobLimits = jobLimitsFor(defaultLimits);
const withEpochs = (request: ResolvedTrainRequest, epochs: number) => ({
  ...request,
  training: { ...request.training, epochs },
});

/** A square network of `units` per layer on a table of `rows` rows, 16 wide. */
function square(units: number, layers: number, rows: number, optimizer: "sgd" | "adam" = "sgd") {
  const request: TrainRequest = {
    table: {
      inputs: Array.from({ length: rows }, (_, r) =>
        Array.from({ length: 16 }, (_, c) => (r >> c) & 1),
      ),
      targets: Array.from({ length: rows }, (_, r) =>
        Array.from({ length: 16 }, (_, c) => (r >> c) & 1),
      ),
    },
    network: {
      hidden: Array.from({ length: layers }, () => ({ units, activation: "tanh" as const })),
      output: "sigmoid",
    },
    training: { epochs: 10, learningRate: 0.1, optimizer },
  };
  return resolveRequest(request);
}

function expectLimit(run: () => unknown, limit: string) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(JobLimitError);
    expect((error as JobLimitError).limit).toBe(limit);
    return error as JobLimitError;
  }
  throw new Error(`no ${limit} error`);
}

describe("planJob", () => {
  test.each(Object.entries(classics))(
    "%s: a few slices, each step within its share",
    (_, request) => {
      const resolved = resolveRequest(request);
      const plan = planJob(resolved, defaultLimits, jobLimits);
      expect(plan.cost).toBe(trainingCost(resolved));
      expect(plan.slices).toBeGreaterThan(1);
      expect(plan.slices).toBeLessThan(10);
      expect(plan.steps).toBe(plan.slices + 2);
      expect(plan.stepCost).toBeLessThanOrEqual(sliceShare * defaultLimits.maxCost);
      expect(plan.stepCost).toBe(
        trainingCost(withEpochs(resolved, plan.epochsPerSlice)) + stepOverheadCost(resolved),
      );
      // One epoch more per slice would be over the share.
      expect(
        trainingCost(withEpochs(resolved, plan.epochsPerSlice + 1)) + stepOverheadCost(resolved),
      ).toBeGreaterThan(sliceShare * defaultLimits.maxCost);
    },
  );

  test("the slices add up to the run's epochs, every one but the last full", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 64 }),
        (epochs, units) => {
          const request = withEpochs(square(units, 1, 16), epochs);
          let plan: ReturnType<typeof planJob>;
          try {
            plan = planJob(request, defaultLimits, jobLimits);
          } catch (error) {
            expect(error).toBeInstanceOf(JobLimitError);
            return;
          }
          let sum = 0;
          for (let i = 0; i < plan.slices; i++) {
            const slice = sliceEpochs(plan, i);
            expect(slice).toBeGreaterThan(0);
            if (i < plan.slices - 1) expect(slice).toBe(plan.epochsPerSlice);
            sum += slice;
          }
          expect(sum).toBe(epochs);
          expect(plan.stepCost).toBeLessThanOrEqual(sliceShare * defaultLimits.maxCost);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("names maxJobCost for a run over 500 × maxCost", () => {
    const error = expectLimit(
      () => planJob(withEpochs(square(64, 2, 256), 5000), defaultLimits, jobLimits),
      "maxJobCost",
    );
    expect(error.allowed).toBe(500 * defaultLimits.maxCost);
  });

  test("names maxSliceCost when one epoch and its step's copies are over the share", () => {
    expectLimit(
      () => planJob(square(64, 4, 256, "adam"), defaultLimits, jobLimits),
      "maxSliceCost",
    );
  });

  test("names maxSteps when the slices would be more than 1,024 steps", () => {
    // A network whose step holds a few epochs: 1,023 full slices are 1,025 steps, yet the run is
    // within the job's cost.
    const request = square(48, 2, 64);
    const plan = planJob(withEpochs(request, 2000), defaultLimits, jobLimits);
    expect(plan.epochsPerSlice).toBeLessThan(10);
    const epochs = plan.epochsPerSlice * (workflowStepLimit - 1);
    const error = expectLimit(
      () => planJob(withEpochs(request, epochs), defaultLimits, jobLimits),
      "maxSteps",
    );
    expect(error.allowed).toBe(workflowStepLimit);
  });

  test("names maxStepResultBytes on a plan whose budget lets a step past 1 MiB", () => {
    // A paid plan's budget (30 s of CPU): the cost is no longer what stops the widest adam network.
    const paid = { ...defaultLimits, maxCost: 3e10 };
    const error = expectLimit(
      () => planJob(square(64, 4, 256, "adam"), paid, jobLimitsFor(paid)),
      "maxStepResultBytes",
    );
    expect(error.allowed).toBe(workflowStepResultBytes);
  });

  test("still applies the per-request limits other than the cost", () => {
    expect(() => planJob(square(65, 1, 16), defaultLimits, jobLimits)).toThrow(/units/);
  });
});
