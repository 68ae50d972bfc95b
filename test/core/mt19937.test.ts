// numpy's legacy generator: every draw in the fixture, exactly, and numpy's shuffle algorithm.
import { describe, expect, test } from "vitest";
import { NumpyRandom } from "../../shared/kernels/numpy-random.ts";
import { numpyReference } from "./fixture.ts";

const cases = [
  [0, numpyReference.mt19937.seed0_random5],
  [12345, numpyReference.mt19937.seed12345_random5],
  [4294967295, numpyReference.mt19937.seed4294967295_random3],
] as const;

describe("NumpyRandom", () => {
  test.each(cases)(
    "np.random.seed(%i) then np.random.random(): the fixture's draws exactly",
    (seed, draws) => {
      const random = new NumpyRandom(seed);
      for (const expected of draws) expect(Object.is(random.random(), expected)).toBe(true);
    },
  );

  test("draws lie in [0, 1) and the same seed gives the same stream", () => {
    const first = new NumpyRandom(99);
    const second = new NumpyRandom(99);
    for (let k = 0; k < 2000; k++) {
      const value = first.random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      expect(Object.is(second.random(), value)).toBe(true);
    }
  });

  test("interval(max) stays in [0, max] and reaches both ends", () => {
    const random = new NumpyRandom(5);
    for (const max of [1, 2, 3, 7, 8, 255]) {
      const seen = new Set<number>();
      for (let k = 0; k < 200 * (max + 1); k++) {
        const value = random.interval(max);
        expect(Number.isInteger(value) && value >= 0 && value <= max).toBe(true);
        seen.add(value);
      }
      expect(seen.size).toBe(max + 1);
    }
    expect(random.interval(0)).toBe(0);
  });

  test("shuffle is Fisher–Yates from the end with interval(i), as numpy's legacy shuffle", () => {
    const order = Int32Array.from({ length: 10 }, (_, k) => k);
    const expected = Array.from(order);
    const twin = new NumpyRandom(7);
    for (let i = expected.length - 1; i > 0; i--) {
      const j = twin.interval(i);
      [expected[i], expected[j]] = [expected[j] as number, expected[i] as number];
    }
    new NumpyRandom(7).shuffle(order);
    expect(Array.from(order)).toEqual(expected);
    expect(Array.from(order).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(order)).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
