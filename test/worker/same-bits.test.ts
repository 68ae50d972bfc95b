// The core gives workerd the bits it gives Node: the pinned runs (test/fixtures/weights-pins.json,
// written in Node 24 by test/core/write-pins.ts) that use tanh or bce, the two whose engine
// functions differ between workerd's V8 and Node's, train here to the same weights, stop, epochs
// and loss; and the xor preset answers /api/train with Node's weightsHash.
import { describe, expect, it } from "vitest";
import { presets, train } from "../../shared/index.ts";
import { type Pin, pinnedGrid, pinOf } from "../core/pinned-grid.ts";
import pinsJson from "../fixtures/weights-pins.json" with { type: "json" };
import { postJson } from "./helpers.ts";

const pins: Record<string, Pin> = pinsJson;
const tanhOrBce = pinnedGrid().filter(
  ({ request }) =>
    request.training.loss === "bce" ||
    request.network.hidden.some((layer) => layer.activation === "tanh") ||
    request.network.output === "tanh",
);

describe("workerd trains to Node's bits", () => {
  it("covers the tanh and bce runs of the pinned grid, presets included", () => {
    expect(tanhOrBce.length).toBeGreaterThan(400);
    expect(tanhOrBce.map(({ key }) => key)).toContain("preset xor");
    expect(tanhOrBce.map(({ key }) => key)).toContain("tanh bce sgd full none 2h");
  });

  it("gives every tanh or bce pinned run the weights it has in Node", () => {
    const moved = tanhOrBce.filter(({ key, request }) => {
      const pin = pins[key];
      const here = pinOf(train(request));
      return pin === undefined || JSON.stringify(here) !== JSON.stringify(pin);
    });
    expect(moved.map(({ key }) => key)).toEqual([]);
  });

  it("answers POST /api/train for the xor preset and a bce + tanh request with Node's weightsHash", async () => {
    const bceTanh = tanhOrBce.find(({ key }) => key === "tanh bce adam mini l2 3h");
    expect(bceTanh).toBeDefined();
    expect(presets.xor).toBeDefined();
    for (const [key, request] of [
      ["preset xor", presets.xor?.request],
      ["tanh bce adam mini l2 3h", bceTanh?.request],
    ] as const) {
      const response = await postJson("/api/train", { ...request, persist: false });
      expect(response.status, key).toBe(200);
      const body = (await response.json()) as { result: { weightsHash: string } };
      expect(body.result.weightsHash, key).toBe(pins[key]?.weightsHash);
    }
  });
});
