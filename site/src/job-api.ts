// The jobs API and continuing a stored model, as the page calls them (same errors as api.ts).
import type {
  JobView as Job,
  JobAccepted,
  JobStatus,
  Model,
  TrainRequest,
  TrainResult,
} from "../../shared/index.ts";
import { call, json, NetworkError, ProblemError } from "./api.ts";

export type { Job, JobAccepted, JobStatus };

export type Continued = {
  id: string;
  deleteToken: string;
  model: Model;
  result: TrainResult;
  parent: string;
};

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const path = (id: string) => `/api/jobs/${encodeURIComponent(id)}`;

export const jobApi = {
  start: (body: TrainRequest | { from: string; epochs: number }) =>
    call<JobAccepted>("/api/jobs", json(body)),
  status: (id: string, token: string) => call<Job>(path(id), { headers: bearer(token) }),
  cancel: (id: string, token: string) =>
    call<undefined>(path(id), { method: "DELETE", headers: bearer(token) }),
  /** The job and how long to wait before asking again (its Retry-After, 1 s without one). */
  watch: async (id: string, token: string): Promise<{ job: Job; retryAfter: number }> => {
    let response: Response;
    try {
      response = await fetch(path(id), {
        headers: { accept: "application/json", ...bearer(token) },
      });
    } catch (error) {
      throw new NetworkError(error);
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new ProblemError({ title: response.statusText, status: response.status, ...problem });
    }
    const retryAfter = Number(response.headers.get("Retry-After")) || 1;
    return { job: (await response.json()) as Job, retryAfter };
  },
  more: (id: string, epochs: number) =>
    call<Continued>(`/api/models/${encodeURIComponent(id)}/train`, json({ epochs })),
};
