// Starting a job through the API and waiting for its Workflow instance, with the plugin's
// Workflows introspection (sleeps and retry delays off unless a test wants them).

import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import {
  defaultLimits,
  type JobAccepted,
  type Limits,
  type TrainRequest,
  type TrainResult,
  train,
} from "../../shared/index.ts";
import { call, postJson } from "./helpers.ts";

/** The 202 a job is accepted with (the type the worker writes). */
export type Accepted = JobAccepted;

/** No cost cap: the run the job must equal. */
export const uncapped: Limits = { ...defaultLimits, maxCost: Number.POSITIVE_INFINITY };
export const trainUncapped = (request: TrainRequest): TrainResult => train(request, uncapped);

export type Modifier = Parameters<
  Parameters<Awaited<ReturnType<typeof introspectWorkflow>>["modifyAll"]>[0]
>[0];

/**
 * Posts a job with `modify` applied to its instance, and returns the 202's body with the
 * instance's introspector (dispose it with `await using`).
 */
export async function startJob(
  body: unknown,
  modify: (m: Modifier) => Promise<void> = async () => {},
) {
  const introspector = await introspectWorkflow(env.JOBS);
  await introspector.modifyAll(async (m) => {
    await m.disableSleeps();
    await modify(m);
  });
  const response = await postJson("/api/jobs", body);
  expect(response.status, await response.clone().text()).toBe(202);
  const accepted = (await response.json()) as Accepted;
  expect(response.headers.get("Location")).toBe(`/api/jobs/${accepted.id}`);
  const [instance] = await introspector.get();
  if (!instance) throw new Error("the job started no Workflow instance");
  return { accepted, instance, introspector };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function jobStatus(id: string, token: string) {
  const response = await call(`/api/jobs/${id}`, { headers: bearer(token) });
  expect(response.status).toBe(200);
  return { response, view: (await response.json()) as Record<string, unknown> };
}

export type StoredBody = {
  id: string;
  model: TrainResult["model"];
  result: Omit<TrainResult, "model">;
  parent?: string;
};

export async function storedModel(id: string): Promise<StoredBody> {
  const response = await call(`/api/models/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as StoredBody;
}

/** Same weights, biases, loss and weights hash, bit for bit. */
export function expectSameRun(
  stored: {
    model: TrainResult["model"];
    result: { loss: number; weightsHash: string; epochs: number; stoppedBy: string };
  },
  expected: TrainResult,
) {
  expect(stored.model.layers).toStrictEqual(expected.model.layers);
  expect(Object.is(stored.result.loss, expected.loss)).toBe(true);
  expect(stored.result.weightsHash).toBe(expected.weightsHash);
  expect(stored.result.epochs).toBe(expected.epochs);
  expect(stored.result.stoppedBy).toBe(expected.stoppedBy);
}
