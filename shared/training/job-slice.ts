// A job's slice, as a Workflow step runs it: slice `index` of the plan, from the job's start or
// from the step before, and what the step returns. Workflows stores a step's result and replays
// it instead of running the step again, so the result is all the next step has, and it must be
// JSON (finite numbers only). Every slice but the last goes on (SliceOptions), so the slices end
// bit for bit as the run in one go does, a diverging one too.
import { continuedRequest } from "../schemas/continue.ts";
import type { Limits } from "../schemas/limits.ts";
import type { Model, TrainResult } from "../schemas/model.ts";
import type { ResolvedTrainRequest } from "../schemas/request.ts";
import type { TrainingState } from "../schemas/state.ts";
import { type JobPlan, sliceEpochs } from "./job-plan.ts";
import { resume } from "./resume.ts";
import { train } from "./train.ts";

/** Where a job's run starts: its request at epoch 0, or a stored model (its run's end). */
export type JobSliceStart =
  | { request: ResolvedTrainRequest }
  | { model: Model; state: TrainingState };

/**
 * A slice the run goes on from: what the next slice needs (the model and its state) and what the
 * job's progress shows. Its weights are not judged over the whole table, where they may
 * overflow: then `loss` is null and the history leaves that point out.
 */
export type SliceInProgress = {
  goesOn: true;
  model: Model;
  state: TrainingState;
  epochs: number;
  stoppedBy: "epochs";
  loss: number | null;
  history: [number, number][];
};

/** A step's result: the run's whole result on the slice that ends it, else the slice so far. */
export type JobSliceResult = TrainResult | SliceInProgress;

export type SlicePlan = Pick<JobPlan, "epochs" | "epochsPerSlice" | "slices">;

/** Slice `index` (0-based) of `plan`, after `previous` (the step before's result; null first). */
export function runJobSlice(
  start: JobSliceStart,
  previous: JobSliceResult | null,
  plan: SlicePlan,
  index: number,
  limits: Limits,
): JobSliceResult {
  const epochs = sliceEpochs(plan, index);
  const slice = { runEpochs: ("model" in start ? start.state.epochsDone : 0) + plan.epochs };
  const result = previous
    ? resume(previous.model, previous.state, epochs, limits, slice)
    : "model" in start
      ? resume(start.model, start.state, epochs, limits, slice)
      : train(continuedRequest(start.request, epochs), limits, slice);
  if (index + 1 === plan.slices || result.stoppedBy !== "epochs") {
    // The run's end, as JSON writes it (and as KV stores any model): a diverged run's optimizer
    // state keeps the moments of the update it undid, which may have overflowed (NaN, Infinity);
    // JSON writes those as null, as it does for the same run stored by /api/train. That state
    // never goes on (a diverged run is refused), so nothing reads them.
    return JSON.parse(JSON.stringify(result)) as TrainResult;
  }
  const finite = Number.isFinite(result.loss);
  return {
    goesOn: true,
    model: result.model,
    state: result.state,
    epochs: result.epochs,
    stoppedBy: "epochs",
    loss: finite ? result.loss : null,
    history: result.history.filter(([, loss]) => Number.isFinite(loss)),
  };
}

/** The run's whole result from the step that ended it. */
export function endOfRun(last: JobSliceResult): TrainResult {
  if ("goesOn" in last) throw new Error("the run goes on after this slice: it is not its end");
  return last;
}
