// The JavaScript export's exp is shared/kernels/exp.ts itself: generated from it, current, and the same
// function to the bit.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { expSourcePath, generatedModule, generatedPath } from "../../scripts/exp-source.ts";
import { expSource } from "../../shared/export/exp-source.ts";
import { exp } from "../../shared/kernels/exp.ts";

const root = new URL("../../", import.meta.url);
const exported = new Function(`${expSource}\nreturn exp;`)() as (x: number) => number;

describe("the exported exp", () => {
  test("is generated from the current shared/kernels/exp.ts (run node scripts/generate-exp-source.ts)", () => {
    const typeScript = readFileSync(new URL(expSourcePath, root), "utf8");
    expect(readFileSync(new URL(generatedPath, root), "utf8")).toBe(generatedModule(typeScript));
  });

  test("keeps exp.ts's code: only `export` and the types are gone", () => {
    const typeScript = readFileSync(new URL(expSourcePath, root), "utf8");
    const words = (text: string) =>
      text
        .replace(/\bexport\b|\bas number\b|:\s*number\b/g, "")
        .split(/\W+/)
        .filter(Boolean);
    expect(words(expSource)).toEqual(words(typeScript));
  });

  test("equals the core's exp to the bit, edges included", () => {
    const edges = [0, -0, 1, -1, 707.9, -707.9, 708, -708, 709.78, 709.8, -745.1, -745.2, 1e-300];
    for (const x of [...edges, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(Object.is(exported(x), exp(x)), `exp(${x})`).toBe(true);
    }
    fc.assert(
      fc.property(fc.double({ min: -800, max: 800 }), (x) => Object.is(exported(x), exp(x))),
      { numRuns: 20_000 },
    );
  });

  test("a change to exp.ts the generator cannot strip is refused, not passed on", () => {
    expect(() =>
      generatedModule("export function exp(x: number): number { return x as any; }"),
    ).toThrow(/does not remove/);
    expect(() => generatedModule("export const notExp = 1;")).toThrow(/no longer defines/);
  });
});
