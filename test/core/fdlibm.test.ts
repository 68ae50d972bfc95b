// The core's tanh and log1p are fdlibm's, as Node 24's V8 has them: equal to Math.tanh and
// Math.log1p here to the bit, so the runs pinned with those keep their weights, while the core no
// longer depends on the engine (workerd's Math.tanh and Math.log1p differ; test/worker/same-bits).
// A bounded check: the branch boundaries and special values, then seeded random arguments spread
// over every magnitude. (Millions more were compared while porting; see docs/core.md.)
import { describe, expect, test } from "vitest";
import { log1p } from "../../shared/kernels/log1p.ts";
import { tanh, tanhAll } from "../../shared/kernels/tanh.ts";

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

function fromWords(high: number, low: number): number {
  words[1] = high >>> 0;
  words[0] = low >>> 0;
  return bits[0] as number;
}

/** The doubles on both sides of each high-word threshold fdlibm branches on, of both signs. */
function aroundThresholds(highWords: readonly number[]): number[] {
  const values: number[] = [];
  for (const high of highWords)
    for (const sign of [0, 0x80000000])
      for (const [h, l] of [
        [high, 0],
        [high, 1],
        [high - 1, 0xffffffff],
        [high, 0xffffffff],
        [high + 1, 0],
      ] as const)
        values.push(fromWords((h | sign) >>> 0, l));
  return values;
}

const specials = [
  0,
  -0,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  2.2250738585072009e-308, // the largest subnormal
  -2.2250738585072014e-308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  1,
  -1,
  22,
  -22,
  2 ** -28,
  2 ** -29,
  2 ** -54,
  709.782712893384,
  -0.13093643012462053, // a tanh where workerd's engine and Node's differ by an ulp
];

/** xorshift-style 32-bit generator: the same arguments every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

/** Arguments of every exponent (random bit patterns), plus uniform ones in the usual ranges. */
function randomArguments(count: number, seed: number): Float64Array {
  const next = generator(seed);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i += 4) {
    values[i] = fromWords(next(), next());
    const unit = next() / 2 ** 32;
    values[i + 1] = (unit - 0.5) * 8;
    values[i + 2] = (unit - 0.5) * 2 ** ((next() % 90) - 60);
    values[i + 3] = -unit;
  }
  return values;
}

/** `count` evenly spaced values from `from` to `to`. */
function dense(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => from + ((to - from) * k) / (count - 1));
}

function mismatches(
  own: (x: number) => number,
  engine: (x: number) => number,
  xs: Iterable<number>,
) {
  const wrong: number[] = [];
  for (const x of xs) if (!Object.is(own(x), engine(x))) wrong.push(x);
  return wrong;
}

const tanhThresholds = [0x7ff00000, 0x40360000, 0x3ff00000, 0x3e300000];
// expm1's own, met by tanh at 2|x| and called directly: 56·ln 2, 709.78, ½ ln 2, 1.5 ln 2, 2⁻⁵⁴,
// and the exponents where its scaling changes (k = 20, k = 56).
const expm1Thresholds = [0x4043687a, 0x40862e42, 0x3fd62e42, 0x3ff0a2b2, 0x3c900000, 0x402bb9d3];
const log1pThresholds = [
  0x3fda827a, 0x3ff00000, 0x3e200000, 0x3c900000, 0xbfd2bec4, 0x43400000, 0x7ff00000, 0x3ff6a09e,
  0x3fe6a09e,
];

describe("the core's tanh and log1p are Node's, to the bit", () => {
  test("tanh at fdlibm's branch boundaries and special values", () => {
    const xs = [...specials, ...aroundThresholds([...tanhThresholds, ...expm1Thresholds])];
    const halves = xs.map((x) => x / 2); // tanh calls expm1(±2|x|): its thresholds at half
    expect(mismatches(tanh, Math.tanh, [...xs, ...halves])).toEqual([]);
    expect(Object.is(tanh(-0), -0)).toBe(true);
  });

  test("log1p at fdlibm's branch boundaries and special values", () => {
    const xs = [...specials, ...aroundThresholds(log1pThresholds), -1 + 2 ** -53, -1 - 2 ** -52];
    expect(mismatches(log1p, Math.log1p, xs)).toEqual([]);
    expect(Object.is(log1p(-0), -0)).toBe(true);
    expect(log1p(-1)).toBe(Number.NEGATIVE_INFINITY);
  });

  test("tanh and log1p on 400,000 seeded arguments across every magnitude", () => {
    const xs = randomArguments(400_000, 20261201);
    expect(mismatches(tanh, Math.tanh, xs)).toEqual([]);
    expect(mismatches(log1p, Math.log1p, xs)).toEqual([]);
  });

  test("tanhAll over an array, densely where tanh computes (|x| < 22), is Math.tanh value by value", () => {
    // Every path of the expm1 inside tanhAll: k = 0, k = −1, k ≤ −2, 2 ≤ k < 20, 20 ≤ k ≤ 56, k > 56.
    const xs = [...randomArguments(100_000, 7), ...dense(-23, 23, 200_001)];
    const values = Float64Array.from(xs);
    tanhAll(values, values.length);
    const wrong = xs.filter((x, k) => !Object.is(values[k], Math.tanh(x)));
    expect(wrong).toEqual([]);
  });
});
