// The edge API as the page calls it: plain fetch, one function per route. Every failure becomes
// either a ProblemError (the server answered with RFC 9457 problem+json) or a NetworkError
// (no answer at all), so the page can tell a person which of the two happened.
import type { Limits, Model, TrainRequest, TrainResult } from "../../shared/index.ts";
import type { FieldIssue } from "./field-errors.ts";

export type Problem = {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  issues?: FieldIssue[];
};

export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ProblemError";
    this.problem = problem;
  }
}

export class NetworkError extends Error {
  constructor(cause: unknown) {
    super("the server could not be reached", { cause });
    this.name = "NetworkError";
  }
}

export type Trained = { id: string; deleteToken: string; model: Model; result: TrainResult };
export type Stored = { model: Model; result: TrainResult };
export type Health = { ok: boolean; version: string; limits: Limits };

export async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { accept: "application/json", ...init.headers },
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
  let problem: Problem = {
    title: response.statusText || "request failed",
    status: response.status,
  };
  try {
    problem = { ...problem, ...((await response.json()) as Partial<Problem>) };
  } catch {
    // Not JSON (a proxy's error page, say): the status line is all there is to show.
  }
  throw new ProblemError(problem);
}

export const json = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export const api = {
  health: () => call<Health>("/api/health"),
  train: (request: TrainRequest) => call<Trained>("/api/train", json(request)),
  model: (id: string) => call<Stored>(`/api/models/${encodeURIComponent(id)}`),
  predict: (id: string, inputs: number[][]) =>
    call<{ outputs: number[][] }>(
      `/api/models/${encodeURIComponent(id)}/predict`,
      json({ inputs }),
    ),
  remove: (id: string, deleteToken: string) =>
    call<undefined>(`/api/models/${encodeURIComponent(id)}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${deleteToken}` },
    }),
};
