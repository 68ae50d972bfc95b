// The start-up warm-up: it must really run the core (a request the core refuses would be caught
// and logged, and warm nothing), and cost less than one request may.

import { Hono } from "hono";
import { afterEach, expect, it, vi } from "vitest";
import { defaultLimits, resolveRequest, train, trainingCost } from "../../shared/index.ts";
import { app } from "../../worker/app.ts";
import {
  responsesRefused,
  warmUp,
  warmUpBody,
  warmUpRequestPath,
  warmUpRequests,
  warmUpRoute,
  warmUpRouter,
  warmUpTrainRequest,
} from "../../worker/warm-up.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

it("trains each warm-up request and the route's body without an error, all together under one request's budget", () => {
  const logged = vi.spyOn(console, "error");
  warmUp();
  warmUpRoute();
  expect(logged).not.toHaveBeenCalled();
  let total = 0;
  for (const request of warmUpRequests) {
    expect(() => resolveRequest(request)).not.toThrow();
    expect(train(request).epochs).toBe(request.training.epochs);
    total += trainingCost(request);
  }
  // The route's body is trained three times, and once more through the route's own path
  // (warmUpRequestPath); it is the largest table a request may send.
  const { persist, ...body } = JSON.parse(warmUpBody);
  expect(persist).toBe(false);
  expect(body.table.inputs).toHaveLength(defaultLimits.maxRows);
  expect(train(body).epochs).toBe(body.training.epochs);
  total += 4 * trainingCost(body);
  expect(total).toBeLessThan(defaultLimits.maxCost);
});

it("says so in the log, and goes on, when the route's body is refused", () => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  const parse = vi.spyOn(JSON, "parse").mockImplementationOnce(() => ({ table: "not a table" }));
  expect(() => warmUpRoute()).not.toThrow();
  expect(parse).toHaveBeenCalled();
  expect(logged).toHaveBeenCalledWith(expect.stringContaining('"event":"warm-up-failed"'));
});

it("takes every path through the kernels: each activation, loss, optimizer, batch mode, regularization, bias or none", () => {
  const kinds = new Set(
    warmUpRequests.flatMap((request) => [
      request.network.hidden.length > 0 ? "hidden" : "no hidden",
      ...request.network.hidden.map((layer) => layer.activation),
      `output ${request.network.output}`,
      request.training.loss ?? "mse",
      request.training.optimizer ?? "sgd",
      request.training.batchSize === undefined ? "full batch" : "mini-batches",
      request.training.regularization?.kind ?? "no regularization",
      request.network.bias === false ? "no bias" : "bias",
      (request.table.inputs[0]?.length ?? 0) >= 4 ? "four inputs or more" : "fewer inputs",
    ]),
  );
  expect([...kinds].sort()).toEqual(
    [
      "adam",
      "bce",
      "bias",
      "four inputs or more",
      "fewer inputs",
      "full batch",
      "hidden",
      "l1",
      "l2",
      "leaky_relu",
      "linear",
      "mini-batches",
      "momentum",
      "mse",
      "no bias",
      "no hidden",
      "no regularization",
      "output linear",
      "output sigmoid",
      "output tanh",
      "relu",
      "sgd",
      "sigmoid",
      "sse",
      "tanh",
    ].sort(),
  );
});

it("builds a Hono router's matcher before the first request, and it still routes", async () => {
  const app = new Hono();
  app.get("/api/health", (c) => c.text("ok"));
  app.post("/api/train", (c) => c.text("trained"));
  expect(app.router.name).toBe("SmartRouter");
  warmUpRouter(app.router);
  // SmartRouter names the router it settled on once it has built one.
  expect(app.router.name).toBe("SmartRouter + RegExpRouter");
  expect(await (await app.request("/api/train", { method: "POST" })).text()).toBe("trained");
  expect((await app.request("/api/nothing")).status).toBe(404);
});

const warmEnv = { RATE_LIMIT: "off" } as unknown as Env;
const noContext = {} as ExecutionContext;

it("takes the train route's whole path with its stand-in request, to the answer a real request gets", async () => {
  const answer = await app.fetch(warmUpTrainRequest(), warmEnv, noContext);
  expect(answer.status).toBe(200);
  const { model, result } = (await answer.json()) as { model: unknown; result: { epochs: number } };
  const { persist, ...body } = JSON.parse(warmUpBody);
  const { model: trained, ...expected } = train(body);
  expect(model).toEqual(trained);
  expect(result).toEqual(expected);
  expect(result.epochs).toBe(body.training.epochs);
});

it("runs only before the first request: in a request, where a Response can be made, it leaves the app alone", async () => {
  expect(responsesRefused()).toBe(false);
  const fetch = vi.fn(() => new Response("trained"));
  await warmUpRequestPath(fetch);
  expect(fetch).not.toHaveBeenCalled();
});

it("is silent at start-up when workerd refuses the answer, as it does there", async () => {
  const logged = vi.spyOn(console, "error");
  const fetch = vi.fn(() => {
    throw new Error(
      "Disallowed operation called within global scope. Asynchronous I/O (ex: fetch() or connect()), setting a timeout, and generating random values are not allowed within global scope.",
    );
  });
  await warmUpRequestPath(fetch, true);
  expect(fetch).toHaveBeenCalledTimes(1);
  expect(logged).not.toHaveBeenCalled();
});

it("says so in the log when the path at start-up ends any other way, an answer included", async () => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  await warmUpRequestPath(() => new Response("{}", { status: 200 }), true);
  await warmUpRequestPath(() => Promise.reject(new TypeError("something else")), true);
  expect(logged).toHaveBeenCalledTimes(2);
  for (const [line] of logged.mock.calls) expect(line).toContain('"event":"warm-up-failed"');
});
