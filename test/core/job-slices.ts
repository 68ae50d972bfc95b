// A job's slices as the Workflow runs them, in Node: the plan's slices one after the other, each
// step's result through JSON (what Workflows stores and replays), with limits small enough that a
// tiny request is cut into slices of a chosen size.
import {
  defaultLimits,
  endOfRun,
  type JobSliceResult,
  type JobSliceStart,
  jobLimitsFor,
  type Limits,
  planJob,
  type ResolvedTrainRequest,
  runJobSlice,
  type SlicePlan,
  sliceShare,
  stepOverheadCost,
  type TrainResult,
  trainingCost,
} from "../../shared/index.ts";

export const uncapped: Limits = { ...defaultLimits, maxCost: Number.POSITIVE_INFINITY };

/** Limits under which planJob cuts `request` into slices of `epochsPerSlice` epochs. */
export function limitsForSlices(request: ResolvedTrainRequest, epochsPerSlice: number): Limits {
  const slice = { ...request, training: { ...request.training, epochs: epochsPerSlice } };
  const step = trainingCost(slice) + stepOverheadCost(request);
  return { ...defaultLimits, maxCost: Math.ceil(step / sliceShare) + 1 };
}

/** A step's result as JSON text: refuses NaN and ±Infinity, which JSON cannot hold. */
export function stepJson(result: JobSliceResult): string {
  return JSON.stringify(result, (key, value) => {
    if (typeof value === "number" && !Number.isFinite(value))
      throw new Error(`${key}: ${value} is not JSON`);
    return value;
  });
}

/** The job's run: every slice of `plan` as a step, each given the one before's stored result. */
export function runAsJob(start: JobSliceStart, plan: SlicePlan, limits: Limits): TrainResult {
  let previous: JobSliceResult | null = null;
  for (let index = 0; index < plan.slices; index++) {
    const result = runJobSlice(start, previous, plan, index, limits);
    previous = JSON.parse(stepJson(result)) as JobSliceResult;
    if (previous.stoppedBy !== "epochs") break;
  }
  if (!previous) throw new Error("a plan has at least one slice");
  return endOfRun(previous);
}

/** planJob's plan for `request` under `limits` (the job's own limits from them, as the API's). */
export const planFor = (request: ResolvedTrainRequest, limits: Limits) =>
  planJob(request, limits, jobLimitsFor(limits));
