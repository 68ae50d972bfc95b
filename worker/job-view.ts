// What GET /api/jobs/{id} answers: the Workflow instance's status with the job's records (and,
// once complete, its stored model's figures), in one shape.

import { isFinished, type JobStatus, type JobView } from "../shared/index.ts";
import type { JobProgress, JobRecord } from "./job-store.ts";
import { loadProgress } from "./job-store.ts";
import { loadModelCached } from "./store.ts";

export { isFinished, type JobStatus, type JobView };

function statusOf(instance: InstanceStatus["status"], record: JobRecord): JobStatus {
  if (record.cancelledAt || instance === "terminated") return "cancelled";
  if (instance === "complete") return "complete";
  if (instance === "errored") return "failed";
  if (instance === "queued" || instance === "unknown") return "queued";
  return "running";
}

/** A failure as people should read it: the engine's message, without any input in it. */
function failureText(error: InstanceStatus["error"]): string {
  const message = error?.message ?? "";
  if (/cancelled/i.test(message)) return "the job was cancelled";
  if (/KV|storage/i.test(message)) return "storing the model failed after every retry";
  if (/is gone/.test(message)) return "the job ended without a model, and its record has expired";
  return "a step failed after every retry";
}

export async function jobView(env: Env, record: JobRecord): Promise<JobView> {
  // The engine keeps an ended instance only for a while (3 days on the free plan); the job's own
  // records outlive it, so a missing instance is read from them.
  const instance: InstanceStatus = await env.JOBS.get(record.id)
    .then((found) => found.status())
    .catch(async () => ({
      status: (await loadModelCached(env.MODELS, record.id)) ? "complete" : "errored",
      error: { name: "Gone", message: "the job's Workflow instance is gone" },
    }));
  const status = statusOf(instance.status, record);
  const progress: JobProgress | null = await loadProgress(env.MODELS, record.id);
  const view: JobView = {
    id: record.id,
    status,
    epochs: record.epochs,
    epochsDone: progress?.epochsDone ?? 0,
    startEpoch: record.startEpoch,
    slices: record.slices,
    slicesDone: progress?.slicesDone ?? 0,
    cost: record.cost,
    seconds: record.seconds,
    loss: progress?.loss ?? null,
    history: progress?.history ?? [],
    createdAt: record.createdAt,
    startedAt: progress?.startedAt ?? null,
    updatedAt: progress?.updatedAt ?? record.cancelledAt ?? record.createdAt,
    ...(record.parent ? { parent: record.parent } : {}),
  };
  if (status === "complete") {
    const found = await loadModelCached(env.MODELS, record.id);
    if (found) {
      const { result } = found.stored;
      view.epochsDone = result.epochs - record.startEpoch;
      view.loss = result.loss;
      view.history = result.history;
      view.updatedAt = found.stored.createdAt;
      view.model = `/api/models/${record.id}`;
      view.page = `/m/${record.id}`;
    }
  }
  if (status === "failed") view.error = failureText(instance.error);
  return view;
}
