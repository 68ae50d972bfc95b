// A job as a Cloudflare Workflow: a chain of steps, each a resumed slice of the run priced under
// the per-request budget (the core's runJobSlice), each returning the model and training state
// for the next step, which takes nothing else (Workflows replays a step from its stored result,
// so whatever a step reads must come from the event or an earlier step). Every slice but the last
// goes on as the run in one go does, and the last returns the run's whole result, which the last
// step stores in KV under the job's id. Slices are deterministic, so a retried step gives the
// same bits.
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { NonRetryableError } from "cloudflare:workflows";
import {
  endOfRun,
  type JobSliceResult,
  type Model,
  type ResolvedTrainRequest,
  runJobSlice,
  type TrainingState,
} from "../shared/index.ts";
import { loadJob, saveProgress } from "./job-store.ts";
import { limitsFrom, modelTtlSeconds } from "./limits.ts";
import { saveModel } from "./store.ts";

/** Where a job starts: a request from epoch 0, or a stored model with its state. */
export type JobStart =
  | { kind: "request"; request: ResolvedTrainRequest }
  | { kind: "model"; parent: string; model: Model; state: TrainingState };

/** The event's payload: everything the job needs, fixed when it is accepted. */
export type JobParams = {
  id: string;
  deleteTokenHash: string;
  start: JobStart;
  /** Epochs to train, cut into slices of `epochsPerSlice` (the last maybe shorter). */
  epochs: number;
  epochsPerSlice: number;
  slices: number;
  startEpoch: number;
};

/** The job's output when it completes (its model is in KV). */
export type JobOutput = { id: string; epochs: number; loss: number; stoppedBy: string };

// A slice is pure computation: retrying it gives the same result. Its timeout is generous (a slice
// is ~5 ms of CPU) so that only a stuck step hits it.
export const sliceStepConfig = {
  retries: { limit: 4, delay: "1 second", backoff: "exponential" },
  timeout: "2 minutes",
} as const;

export const storeStepConfig = {
  retries: { limit: 4, delay: "2 seconds", backoff: "exponential" },
  timeout: "1 minute",
} as const;

/** At most one progress write a second: KV's pace for one key. */
const progressInterval = 1000;

export const sliceStepName = (index: number) => `slice ${index + 1}`;

export class TrainingJob extends WorkflowEntrypoint<Env, JobParams> {
  override async run(
    event: Readonly<WorkflowEvent<JobParams>>,
    step: WorkflowStep,
  ): Promise<JobOutput> {
    const job = event.payload;
    const kv = this.env.MODELS;
    const limits = limitsFrom(this.env);
    const ttl = modelTtlSeconds(this.env);
    // The clock, read once in a step of its own, so that replays see the same start.
    const startedAt = await step.do("start", async () => new Date().toISOString());

    let last: JobSliceResult | null = null;
    let lastProgressWrite = 0;
    for (let index = 0; index < job.slices; index++) {
      const previous: JobSliceResult | null = last;
      last = (await step.do(sliceStepName(index), sliceStepConfig, async () => {
        // A turn of the event loop first. Locally (wrangler dev, the tests) the engine runs every
        // step in the one workerd thread back to back: without it, no request (not even the
        // job's own 202) is answered until the whole job is done (docs/jobs.md, "Locally").
        await new Promise((resolve) => setTimeout(resolve, 0));
        const result = runJobSlice(job.start, previous, job, index, limits);
        const now = Date.now();
        const ended = index + 1 === job.slices || result.stoppedBy !== "epochs";
        if (ended || now - lastProgressWrite >= progressInterval) {
          lastProgressWrite = now;
          // Progress is for people watching; the job does not depend on it, so a failed write
          // only leaves the progress a little behind.
          await saveProgress(
            kv,
            job.id,
            {
              epochsDone: result.epochs - job.startEpoch,
              slicesDone: index + 1,
              loss: result.loss,
              history: result.history,
              startedAt,
              updatedAt: new Date(now).toISOString(),
            },
            ttl,
          ).catch(() => undefined);
        }
        return result as unknown as Rpc.Serializable<JobSliceResult>;
      })) as unknown as JobSliceResult;
      if (last.stoppedBy !== "epochs") break;
    }
    const result = endOfRun(last as JobSliceResult);

    await step.do("store", storeStepConfig, async () => {
      const record = await loadJob(kv, job.id);
      if (record?.cancelledAt) throw new NonRetryableError("the job was cancelled");
      const { model, ...rest } = result;
      const now = Date.now();
      await saveModel(
        kv,
        {
          id: job.id,
          model,
          result: rest,
          createdAt: new Date(now).toISOString(),
          expiresAt: new Date(now + ttl * 1000).toISOString(),
          ...(job.start.kind === "model" ? { parent: job.start.parent } : {}),
        },
        job.deleteTokenHash,
        ttl,
      );
    });
    return { id: job.id, epochs: result.epochs, loss: result.loss, stoppedBy: result.stoppedBy };
  }
}
