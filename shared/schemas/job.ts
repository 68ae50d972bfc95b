// What the jobs API answers, as the worker writes it and the page reads it: the 202 that accepts a
// job, and a job's view (GET /api/jobs/{id}). The OpenAPI document describes the same shapes
// (worker/openapi/schemas.ts), and the contract check holds every answer to it.

export const jobStatuses = ["queued", "running", "complete", "failed", "cancelled"] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** POST /api/jobs's 202 body. */
export type JobAccepted = {
  id: string;
  status: "queued";
  cost: number;
  slices: number;
  epochs: number;
  epochsPerSlice: number;
  steps: number;
  /** The plan's estimate of the whole job, in seconds. */
  seconds: number;
  /** Cancels the job (DELETE with Bearer); shown once. */
  deleteToken: string;
};

/** GET /api/jobs/{id}: the job's status with its progress and, once complete, its model. */
export type JobView = {
  id: string;
  status: JobStatus;
  /** Epochs this job trains, and how many it has done. */
  epochs: number;
  epochsDone: number;
  /** Epochs the model had before the job (a continued model's), else 0. */
  startEpoch: number;
  slices: number;
  slicesDone: number;
  cost: number;
  /** The plan's estimate of the whole job, in seconds. */
  seconds: number;
  loss: number | null;
  history: [number, number][];
  createdAt: string;
  startedAt: string | null;
  updatedAt: string;
  parent?: string;
  /** When complete: the stored model, in the API and on the page. */
  model?: string;
  page?: string;
  /** When failed: why. */
  error?: string;
};

/** A job that will not change any more. */
export const isFinished = (status: JobStatus) =>
  status === "complete" || status === "failed" || status === "cancelled";
