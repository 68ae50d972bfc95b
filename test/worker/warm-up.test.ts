// The start-up warm-up: it must really run the core (a request the core refuses would be caught
// and logged, and warm nothing), and cost less than one request may.
import { afterEach, expect, it, vi } from "vitest";
import { defaultLimits, resolveRequest, train, trainingCost } from "../../shared/index.ts";
import { warmUp, warmUpRequests } from "../../worker/warm-up.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

it("trains each warm-up request without an error, all together under one request's budget", () => {
  const logged = vi.spyOn(console, "error");
  warmUp();
  expect(logged).not.toHaveBeenCalled();
  let total = 0;
  for (const request of warmUpRequests) {
    expect(() => resolveRequest(request)).not.toThrow();
    expect(train(request).epochs).toBe(request.training.epochs);
    total += trainingCost(request);
  }
  expect(total).toBeLessThan(defaultLimits.maxCost);
});

it("covers a network with a hidden layer and one without, tanh and sigmoid, bce and sse", () => {
  const kinds = new Set(
    warmUpRequests.flatMap((request) => [
      request.network.hidden.length > 0 ? "hidden" : "no hidden",
      ...request.network.hidden.map((layer) => layer.activation),
      request.training.loss,
    ]),
  );
  expect([...kinds].sort()).toEqual(["bce", "hidden", "no hidden", "sigmoid", "sse", "tanh"]);
});
