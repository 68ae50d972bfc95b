// The README's definitions, followed in numpy (test/core/numpy/rederive.py), land on the core's
// weights: initialisation, shuffled mini-batches, every optimizer, L1 and L2, every loss. numpy's
// exp, tanh and matrix products round differently in the last bit, so agreement is to ~1e-12.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { type TrainRequest, train } from "../../shared/index.ts";

type Case = { request: TrainRequest; weights: number[] };
const reference: { numpy: string; cases: Case[] } = JSON.parse(
  readFileSync(new URL("./numpy/rederive.json", import.meta.url), "utf8"),
);

describe("numpy re-derives the core from the README's definitions", () => {
  test.each(reference.cases.map((c) => [describeCase(c.request), c] as const))(
    "%s",
    (_, { request, weights }) => {
      const result = train(request);
      const ours = result.model.layers.flatMap((layer) => [
        ...layer.weights.flat(),
        ...(layer.bias ?? []),
      ]);
      expect(ours).toHaveLength(weights.length);
      const largest = Math.max(...weights.map(Math.abs));
      ours.forEach((w, k) => {
        expect(Math.abs(w - (weights[k] as number)) / largest).toBeLessThan(1e-12);
      });
    },
  );
});

function describeCase({ network, training }: TrainRequest): string {
  const hidden = network.hidden.map((h) => `${h.units} ${h.activation}`).join(", ") || "none";
  return `hidden [${hidden}], ${network.output} out, ${training.loss}, ${training.optimizer}, batch ${training.batchSize ?? "all"}, ${training.init ?? "uniform"}${training.regularization ? `, ${training.regularization.kind}` : ""}`;
}
