// Calls into the Worker under test (same isolate, real KV) and the requests the suites share.
import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { TrainRequest } from "../../shared/index.ts";
import { xor } from "../support/tables.ts";
import { type ApiDocument, type Contract, contractOf } from "./contract.ts";

let contract: Promise<Contract> | undefined;

/** The contract of the document the Worker serves, fetched once per test file. */
function served(): Promise<Contract> {
  contract ??= (async () => {
    const request = new Request("http://edge.test/api/openapi.json");
    const response = await exports.default.fetch(request);
    expect(response.status).toBe(200);
    const check = contractOf((await response.clone().json()) as ApiDocument);
    await check("GET", request.url, response);
    return check;
  })();
  return contract;
}

/**
 * The one door to the Worker under test: every answer is checked against the API document
 * (contract.ts) before the test sees it. Biome keeps tests from calling the Worker any other way.
 */
export async function fetchWorker(request: Request): Promise<Response> {
  const check = await served();
  const response = await exports.default.fetch(request);
  await check(request.method, request.url, response.clone());
  return response;
}

let client = 0;
/**
 * A fresh client address per call unless one is given: the rate limiter counts per address, and
 * only the rate-limit test means to run into it.
 */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has("CF-Connecting-IP"))
    headers.set("CF-Connecting-IP", `10.0.${(client >> 8) & 255}.${client++ & 255}`);
  return fetchWorker(new Request(`http://edge.test${path}`, { ...init, headers }));
}

export function postJson(
  path: string,
  body: unknown,
  headers: HeadersInit = {},
): Promise<Response> {
  return call(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...Object.fromEntries(new Headers(headers)) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export const xorRequest: TrainRequest = {
  table: xor,
  network: { hidden: [{ units: 4, activation: "tanh" }], output: "sigmoid" },
  training: { epochs: 500, learningRate: 0.5, seed: 1 },
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  issues?: { path: string; message: string }[];
  [key: string]: unknown;
};

/** Asserts a problem+json answer with this status, and returns its body. */
export async function expectProblem(response: Response, status: number): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  const body = (await response.json()) as Problem;
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  expect(typeof body.type).toBe("string");
  return body;
}

export type Created = {
  id: string;
  deleteToken: string;
  model: import("../../shared/index.ts").Model;
  result: Omit<import("../../shared/index.ts").TrainResult, "model">;
  createdAt: string;
  expiresAt: string;
};

export async function trainStored(request: TrainRequest = xorRequest): Promise<Created> {
  const response = await postJson("/api/train", request);
  expect(response.status).toBe(201);
  return (await response.json()) as Created;
}
