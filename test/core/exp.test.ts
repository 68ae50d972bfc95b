// The core's own exp: within 1 ulp of the true value, so within 2 ulp of any engine's Math.exp,
// with the edges (NaN, overflow, underflow, subnormal results) right.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { exp } from "../../shared/kernels/exp.ts";

/** Distance in units of the last place of `reference`. */
function ulps(value: number, reference: number): number {
  const spacing = 2 ** (Math.floor(Math.log2(Math.abs(reference))) - 52);
  return Math.abs(value - reference) / Math.max(spacing, Number.MIN_VALUE);
}

describe("exp", () => {
  test("agrees with Math.exp to 2 ulp across the whole range", () => {
    fc.assert(
      fc.property(fc.double({ min: -708, max: 709.7, noNaN: true }), (x) => {
        expect(ulps(exp(x), Math.exp(x))).toBeLessThanOrEqual(2);
      }),
      { numRuns: 5000 },
    );
  });

  test("agrees with Math.exp on most arguments to the bit", () => {
    let same = 0;
    for (let k = 0; k < 10_000; k++) {
      const x = (k - 5000) / 97.3;
      if (exp(x) === Math.exp(x)) same++;
    }
    expect(same).toBeGreaterThan(9000);
  });

  test("is exact where it must be, and rises with x", () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    let previous = 0;
    for (let x = -50; x <= 50; x += 0.01) {
      const value = exp(x);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
  });

  test("handles NaN, infinities, overflow and underflow", () => {
    expect(exp(Number.NaN)).toBeNaN();
    expect(exp(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(exp(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(exp(710)).toBe(Number.POSITIVE_INFINITY);
    expect(exp(709.78)).toBeCloseTo(Math.exp(709.78), -300);
    expect(exp(-746)).toBe(0);
    for (const x of [-708.5, -720, -740, -745]) {
      const value = exp(x);
      expect(value).toBeGreaterThan(0);
      expect(Math.abs(value - Math.exp(x))).toBeLessThanOrEqual(
        Math.max(2 * Number.MIN_VALUE, Math.exp(x) * 2 ** -51),
      );
    }
  });
});
