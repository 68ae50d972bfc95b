// The JavaScript export's tanh is shared/kernels/tanh.ts itself: generated from it, current, plain
// arithmetic, and the same function to the bit.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { generatedModule, tanhKernel } from "../../scripts/exp-source.ts";
import { tanhSource } from "../../shared/export/tanh-source.ts";
import { tanh } from "../../shared/kernels/tanh.ts";

const root = new URL("../../", import.meta.url);
const exported = new Function(`${tanhSource}\nreturn tanh;`)() as (x: number) => number;

describe("the exported tanh", () => {
  test("is generated from the current shared/kernels/tanh.ts (run node scripts/generate-exp-source.ts)", () => {
    const typeScript = readFileSync(new URL(tanhKernel.sourcePath, root), "utf8");
    expect(readFileSync(new URL(tanhKernel.generatedPath, root), "utf8")).toBe(
      generatedModule(typeScript, tanhKernel),
    );
  });

  test("calls no Math function but abs (comments aside)", () => {
    const code = tanhSource.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    expect(new Set([...code.matchAll(/Math\.(\w+)\(/g)].map((match) => match[1]))).toEqual(
      new Set(["abs"]),
    );
  });

  test("equals the core's tanh to the bit, edges included", () => {
    const edges = [0, -0, 1, -1, 22, -22, 2 ** -28, 0.5, 1e-300, 5e-324, -0.13093643012462053];
    for (const x of [...edges, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(Object.is(exported(x), tanh(x)), `tanh(${x})`).toBe(true);
    }
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30 }), (x) => Object.is(exported(x), tanh(x))),
      { numRuns: 20_000 },
    );
  });
});
