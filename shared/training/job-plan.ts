// How a run too big for one request is cut into slices for a job (Cloudflare Workflows): each slice
// is a resumed run of a few epochs, priced like any run, at most a safe share of the per-request
// budget. The API refuses or accepts a job with these rules; the page shows the same plan.
import { formatFigure, LimitError, type Limits } from "../schemas/limits.ts";
import type { ResolvedTrainRequest } from "../schemas/request.ts";
import { checkLimits, trainingCost } from "./cost.ts";

/** What a job may ask for, beyond the per-request limits. */
export type JobLimits = {
  /** The whole run's price (`trainingCost`), by default 500 × maxCost. */
  maxJobCost: number;
  /** Steps per Workflow instance: the free plan allows 1,024. */
  maxSteps: number;
  /** Bytes of one step's result: Workflows keeps at most 1 MiB per step. */
  maxStepResultBytes: number;
};

export const defaultJobCostMultiple = 500;
export const workflowStepLimit = 1024;
export const workflowStepResultBytes = 1024 * 1024;

export function jobLimitsFor(limits: Limits, costMultiple = defaultJobCostMultiple): JobLimits {
  return {
    maxJobCost: limits.maxCost * costMultiple,
    maxSteps: workflowStepLimit,
    maxStepResultBytes: workflowStepResultBytes,
  };
}

/**
 * A step may cost at most this share of maxCost, counting its overhead: the slice's training
 * (`trainingCost` of its epochs) and moving the step's result, which `trainingCost` does not see.
 * The rest (a fifth) is the margin for the engine's own work in the isolate and for the spread of
 * the measurements below.
 */
export const sliceShare = 0.8;

/**
 * Cost units per number of a step's result, each time it is copied: Workflows hands a result to
 * the engine (structured clone) and back to the next step when it replays. Measured with
 * structuredClone of a slice's result in Node 24 (the same V8 as workerd): 10–14 ns per byte of
 * its JSON text, about 200 ns per number, at 0.9 ns per cost unit (shared/schemas/limits.ts). A step
 * counts two copies: its input and its output.
 */
export const cloneCostPerNumber = 220;

/** Steps a job takes besides its slices: "start" (its clock) and "store" (the model into KV). */
export const fixedSteps = 2;

/**
 * Seconds per cost unit and per step, for the page's "about S s": the slowest shape in
 * bench/budget.ts (0.9 ns per unit, shared/schemas/limits.ts) and the engine's time between two steps in
 * `wrangler dev` as bench:api measured it.
 */
export const secondsPerCostUnit = 0.9e-9;
export const stepOverheadSeconds = 0.05;

export type JobLimitName = "maxJobCost" | "maxSteps" | "maxStepResultBytes" | "maxSliceCost";

/** A job over one of its limits: which one, the job's figure and the allowed figure. */
export class JobLimitError extends Error {
  readonly limit: JobLimitName;
  readonly figure: number;
  readonly allowed: number;
  constructor(limit: JobLimitName, figure: number, allowed: number, message: string) {
    super(message);
    this.name = "JobLimitError";
    this.limit = limit;
    this.figure = figure;
    this.allowed = allowed;
  }
}

export type JobPlan = {
  /** The whole run's price: `trainingCost` of the request with all its epochs. */
  cost: number;
  epochs: number;
  /** Epochs in every slice but maybe the last. */
  epochsPerSlice: number;
  slices: number;
  /** Price of one full slice's training. */
  sliceCost: number;
  /** The slice's price with its step's overhead: ≤ sliceShare × maxCost. */
  stepCost: number;
  /** Workflow steps: the slices and the fixed ones. */
  steps: number;
  /** Upper bound on one step's result (a slice's TrainResult with its state) as JSON text. */
  stepResultBytes: number;
  /** About how long the job runs, in seconds. */
  seconds: number;
};

const withEpochs = (request: ResolvedTrainRequest, epochs: number): ResolvedTrainRequest => ({
  ...request,
  training: { ...request.training, epochs },
});

/** The most epochs a slice of this request can hold for `budget`, or 0 when not even one. */
export function epochsWithin(request: ResolvedTrainRequest, budget: number): number {
  const fixed = trainingCost(withEpochs(request, 0));
  const perEpoch = trainingCost(withEpochs(request, 1)) - fixed;
  if (perEpoch <= 0) return Number.MAX_SAFE_INTEGER;
  let epochs = Math.max(0, Math.floor((budget - fixed) / perEpoch));
  // Guard the floating-point edge: the slice's own price is what the core checks.
  while (epochs > 0 && trainingCost(withEpochs(request, epochs)) > budget) epochs--;
  return epochs;
}

/** Parameters (weights and biases) of the request's network. */
function parameterCount(request: ResolvedTrainRequest): number {
  const sizes = [
    request.table.inputs[0]?.length ?? 0,
    ...request.network.hidden.map((layer) => layer.units),
    request.table.targets[0]?.length ?? 0,
  ];
  let count = 0;
  for (let l = 1; l < sizes.length; l++) {
    count += (sizes[l - 1] as number) * (sizes[l] as number);
    if (request.network.bias) count += sizes[l] as number;
  }
  return count;
}

/** Longest JSON text of a finite double ("-1.2345678901234567e-123") and its comma. */
const bytesPerNumber = 25;

/**
 * Numbers in a slice's result at most: the model's parameters, the optimizer's arrays (momentum:
 * one per parameter, adam: two), the predictions (the last slice's, the run's result; a slice the
 * run goes on from leaves them out), the history and the generator's state. A slice whose weights
 * come close to overflowing over the table, in a run about to diverge, also carries the weights
 * before its last update (job-slice.ts): `stepResultBound` counts them, since 1 MiB is a hard
 * limit; the clone cost does not, so such a rare step may take up to 220 × parameters units more
 * for each of its input and output than planned, within the margin for most networks.
 */
export function stepResultNumbers(request: ResolvedTrainRequest): number {
  const parameters = parameterCount(request);
  const optimizerArrays =
    request.training.optimizer === "adam" ? 2 : request.training.optimizer === "momentum" ? 1 : 0;
  const rows = request.table.inputs.length;
  const outputs = request.table.targets[0]?.length ?? 0;
  const historyNumbers = 2 * 200 * 2;
  // numpy's generator (624 words and a position) and the row order it shuffles.
  const shuffleNumbers = 625 + rows;
  return parameters * (1 + optimizerArrays) + rows * outputs + historyNumbers + shuffleNumbers;
}

/**
 * An upper bound on a slice's result as JSON: every number at its longest (the weights before the
 * last update too), plus the request.
 */
export function stepResultBound(request: ResolvedTrainRequest): number {
  const numbers = stepResultNumbers(request) + parameterCount(request);
  return numbers * bytesPerNumber + JSON.stringify(request).length * 2 + 4096;
}

/** What moving a step's input and output costs, in cost units. */
export function stepOverheadCost(request: ResolvedTrainRequest): number {
  return 2 * cloneCostPerNumber * stepResultNumbers(request);
}

/**
 * Plans a job of `request.training.epochs` epochs (for a continued model: the epochs to add, on
 * its request, after its `startEpoch` epochs). Throws LimitError for a per-request limit other than maxCost (rows, units, epochs)
 * and JobLimitError for the job's own limits, naming which.
 */
export function planJob(
  request: ResolvedTrainRequest,
  limits: Limits,
  jobLimits: JobLimits,
  startEpoch = 0,
): JobPlan {
  checkLimits(request, { ...limits, maxCost: Number.POSITIVE_INFINITY });
  // A continued model's epochs count in full: the model's request will say the total.
  const total = startEpoch + request.training.epochs;
  if (total > limits.maxEpochs) {
    throw new LimitError("maxEpochs", total, limits.maxEpochs, "epochs", "epochs in all");
  }
  const epochs = request.training.epochs;
  const cost = trainingCost(request);
  if (cost > jobLimits.maxJobCost) {
    throw new JobLimitError(
      "maxJobCost",
      cost,
      jobLimits.maxJobCost,
      `the job's multiply-adds ${formatFigure(cost)} > ${formatFigure(jobLimits.maxJobCost)}`,
    );
  }
  const overhead = stepOverheadCost(request);
  const stepBudget = Math.floor(limits.maxCost * sliceShare);
  const epochsPerSlice = Math.min(epochs, epochsWithin(request, stepBudget - overhead));
  if (epochsPerSlice < 1) {
    const oneEpoch = trainingCost(withEpochs(request, 1)) + overhead;
    throw new JobLimitError(
      "maxSliceCost",
      oneEpoch,
      stepBudget,
      `a step of one epoch costs ${formatFigure(oneEpoch)} multiply-adds with its result's copies, more than a step may (${formatFigure(stepBudget)}, ${sliceShare} × maxCost)`,
    );
  }
  const slices = Math.ceil(epochs / epochsPerSlice);
  const steps = slices + fixedSteps;
  if (steps > jobLimits.maxSteps) {
    throw new JobLimitError(
      "maxSteps",
      steps,
      jobLimits.maxSteps,
      `the job needs ${steps} Workflow steps (slices of ${epochsPerSlice} epochs), more than ${jobLimits.maxSteps}`,
    );
  }
  const stepResultBytes = stepResultBound(request);
  if (stepResultBytes > jobLimits.maxStepResultBytes) {
    throw new JobLimitError(
      "maxStepResultBytes",
      stepResultBytes,
      jobLimits.maxStepResultBytes,
      `a step's result could take ${formatFigure(stepResultBytes)} bytes, more than ${formatFigure(jobLimits.maxStepResultBytes)}`,
    );
  }
  const sliceCost = trainingCost(withEpochs(request, epochsPerSlice));
  const stepCost = sliceCost + overhead;
  const seconds =
    slices * (stepCost * secondsPerCostUnit + stepOverheadSeconds) +
    fixedSteps * stepOverheadSeconds;
  return {
    cost,
    epochs,
    epochsPerSlice,
    slices,
    sliceCost,
    stepCost,
    steps,
    stepResultBytes,
    seconds,
  };
}

/** Epochs of slice `index` (0-based) of the plan: all full but maybe the last. */
export function sliceEpochs(plan: Pick<JobPlan, "epochs" | "epochsPerSlice">, index: number) {
  return Math.min(plan.epochsPerSlice, plan.epochs - index * plan.epochsPerSlice);
}
