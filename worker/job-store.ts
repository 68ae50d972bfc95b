// A job's records in KV, beside the models: what it is (written when it is accepted, and once more
// if it is cancelled) and how far it got (written by its slices at most once a second, KV's pace
// for one key). The Workflow instance itself holds the status; these hold what the status cannot.
import { StorageError } from "./store.ts";

/** What POST /api/jobs accepted. */
export type JobRecord = {
  id: string;
  deleteTokenHash: string;
  /** Epochs this job trains (for a continued model: the epochs it adds). */
  epochs: number;
  /** Epochs the model had before the job: 0, or the parent's. */
  startEpoch: number;
  slices: number;
  epochsPerSlice: number;
  cost: number;
  /** The plan's estimate of the job's run time. */
  seconds: number;
  createdAt: string;
  parent?: string;
  cancelledAt?: string;
};

/** How far the job got, as its last progress write saw it. */
export type JobProgress = {
  epochsDone: number;
  slicesDone: number;
  /** null while the run goes on from weights that overflow somewhere (only its end judges them). */
  loss: number | null;
  history: [number, number][];
  startedAt: string;
  updatedAt: string;
};

const recordKey = (id: string) => `job:${id}`;
const progressKey = (id: string) => `job-progress:${id}`;

async function put(kv: KVNamespace, key: string, value: unknown, ttlSeconds: number) {
  try {
    await kv.put(key, JSON.stringify(value), { expirationTtl: ttlSeconds });
  } catch (error) {
    throw new StorageError("put", error);
  }
}

async function get<T>(kv: KVNamespace, key: string): Promise<T | null> {
  try {
    return await kv.get<T>(key, "json");
  } catch (error) {
    throw new StorageError("get", error);
  }
}

export const saveJob = (kv: KVNamespace, job: JobRecord, ttlSeconds: number) =>
  put(kv, recordKey(job.id), job, ttlSeconds);

export const loadJob = (kv: KVNamespace, id: string) => get<JobRecord>(kv, recordKey(id));

export const saveProgress = (
  kv: KVNamespace,
  id: string,
  progress: JobProgress,
  ttlSeconds: number,
) => put(kv, progressKey(id), progress, ttlSeconds);

export const loadProgress = (kv: KVNamespace, id: string) => get<JobProgress>(kv, progressKey(id));
