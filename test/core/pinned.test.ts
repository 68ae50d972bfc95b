// Every run of the pinned grid gives the weights, stop, epochs and loss it gave when the pins were
// written (test/core/write-pins.ts): refactors and speed-ups of the core must not move one bit.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { train } from "../../shared/index.ts";
import { type Pin, pinnedGrid, pinOf } from "./pinned-grid.ts";

const pins: Record<string, Pin> = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/weights-pins.json", import.meta.url)), "utf8"),
);
const grid = pinnedGrid();

describe("pinned results", () => {
  test("the fixture pins every request of the grid, and only those", () => {
    expect(Object.keys(pins).sort()).toEqual(grid.map(({ key }) => key).sort());
    expect(grid.length).toBeGreaterThan(1000);
  });

  test("the grid meets every stop: epochs, target loss (a preset) and divergence", () => {
    const stops = new Set(Object.values(pins).map((pin) => pin.stoppedBy));
    expect([...stops].sort()).toEqual(["diverged", "epochs", "target-loss"]);
  });

  test.each(grid)("$key", ({ key, request }) => {
    expect(pinOf(train(request))).toEqual(pins[key]);
  });
});
