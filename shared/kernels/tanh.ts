// tanh(x) written out in plain arithmetic, so that it is the same function in every JS runtime: the
// standard leaves Math.tanh's last bit to each engine, and they differ (Node 24's V8 runs fdlibm,
// workerd's newer V8 the C library's tanh: 16 of 20,000 arguments in [-4, 4] a unit apart).
//
// A line-by-line port of fdlibm's s_tanh.c with its s_expm1.c, as V8 13.6 has them in
// src/base/ieee754.cc, so it equals Node 24's Math.tanh to the bit (test/core/fdlibm.test.ts checks
// millions of arguments) and the pinned runs trained with Math.tanh keep their weights:
//   tanh(x) = 1 − 2/(expm1(2|x|) + 2) for |x| ≥ 1, −t/(t + 2) with t = expm1(−2|x|) below 1,
//   x itself below 2⁻²⁸ and ±1 from 22 on. Within 1 ulp of the true value.
// fdlibm reads and writes the high 32 bits of a double (sign, exponent, top of the mantissa); here
// through a Float64Array and an Int32Array on one buffer, made once.

const wordBits = new Float64Array(1);
const words = new Int32Array(wordBits.buffer);
/** Which Int32 of the two holds the high word: 1 on a little-endian host, 0 on a big-endian one. */
const highIndex = new Int32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000 ? 1 : 0;
const lowIndex = 1 - highIndex;

function highWordOf(x: number): number {
  wordBits[0] = x;
  return words[highIndex] as number;
}

function lowWordOf(x: number): number {
  wordBits[0] = x;
  return words[lowIndex] as number;
}

/** The double whose high word is high and low word 0. */
function doubleFromHighWord(high: number): number {
  words[highIndex] = high;
  words[lowIndex] = 0;
  return wordBits[0] as number;
}

const expm1Ln2Hi = 0.6931471803691238; // 0x3FE62E42 FEE00000
const expm1Ln2Lo = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76
const expm1InvLn2 = Math.LOG2E; // 1/ln 2, fdlibm's invln2 0x3FF71547 652B82FE: the same double
const expm1Q1 = -0.03333333333333313;
const expm1Q2 = 0.0015873015872548146;
const expm1Q3 = -0.0000793650757867488;
const expm1Q4 = 0.000004008217827329362;
const expm1Q5 = -2.0109921818362437e-7;

/** e^x − 1 (fdlibm's expm1), exported for the tests only: tanh is its one caller. */
export function expm1(x: number): number {
  let hx = highWordOf(x);
  const negative = hx < 0;
  hx &= 0x7fffffff;
  if (hx >= 0x4043687a) {
    // |x| ≥ 56·ln 2
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | lowWordOf(x)) !== 0) return x + x;
        return negative ? -1 : x;
      }
      if (x > 709.782712893384) return Number.POSITIVE_INFINITY;
    }
    if (negative) return -1;
  }
  let k = 0;
  let c = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ½ ln 2: x = k·ln 2 + r, r = hi − lo, and c the rounding error of that subtraction
    let hi = 0;
    let lo = 0;
    if (hx < 0x3ff0a2b2) {
      k = negative ? -1 : 1;
      hi = negative ? x + expm1Ln2Hi : x - expm1Ln2Hi;
      lo = negative ? -expm1Ln2Lo : expm1Ln2Lo;
    } else {
      k = (expm1InvLn2 * x + (negative ? -0.5 : 0.5)) | 0;
      hi = x - k * expm1Ln2Hi;
      lo = k * expm1Ln2Lo;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    return x; // |x| < 2⁻⁵⁴
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 =
    1 + hxs * (expm1Q1 + hxs * (expm1Q2 + hxs * (expm1Q3 + hxs * (expm1Q4 + hxs * expm1Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  const twoToK = doubleFromHighWord((0x3ff00000 + (k << 20)) | 0);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  let y = 0;
  if (k <= -2 || k > 56) {
    y = 1 - (e - x);
    y = k === 1024 ? y * 2 * 8.98846567431158e307 : y * twoToK;
    return y - 1;
  }
  if (k < 20) {
    t = doubleFromHighWord(0x3ff00000 - (0x200000 >> k)); // 1 − 2⁻ᵏ
    y = t - (e - x);
  } else {
    t = doubleFromHighWord((0x3ff - k) << 20); // 2⁻ᵏ
    y = x - (e + t);
    y += 1;
  }
  return y * twoToK;
}

export function tanh(x: number): number {
  const jx = highWordOf(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return jx >= 0 ? 1 / x + 1 : 1 / x - 1; // ±1 for ±∞, NaN for NaN
  let z = 1;
  if (ix < 0x40360000) {
    // |x| < 22
    if (ix < 0x3e300000) return x; // |x| < 2⁻²⁸ (±0 stay ±0)
    if (ix >= 0x3ff00000) {
      z = 1 - 2 / (expm1(2 * Math.abs(x)) + 2);
    } else {
      const t = expm1(-2 * Math.abs(x));
      z = -t / (t + 2);
    }
  }
  return jx >= 0 ? z : -z;
}
