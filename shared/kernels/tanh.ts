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

// fdlibm branches on the high word of |x|; "high < H" is "|x| < D" for D the double whose high
// word is H and low word 0, so each test here is one comparison of doubles with that D (written
// beside its H), and 2^k is looked up, exact: reading and writing a double's words through typed
// arrays made tanh about twice as slow.

/** 2^k for k in [−1074, 1024] at index k + 1074: exact powers of two, made by halving (2^1024 = ∞). */
const twoToThe = new Float64Array(2099);
twoToThe[1074] = 1;
for (let k = 1; k <= 1024; k++) twoToThe[1074 + k] = 2 * (twoToThe[1073 + k] as number);
for (let k = -1; k >= -1074; k--) twoToThe[1074 + k] = 0.5 * (twoToThe[1075 + k] as number);

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
  const negative = x < 0;
  const ax = Math.abs(x);
  if (ax >= 38.81622314453125) {
    // 0x4043687a
    if (ax >= 709.7822265625) {
      // 0x40862e42
      if (!(ax < Number.POSITIVE_INFINITY)) {
        if (Number.isNaN(x)) return x + x;
        return negative ? -1 : x;
      }
      if (x > 709.782712893384) return Number.POSITIVE_INFINITY;
    }
    if (negative) return -1;
  }
  let k = 0;
  let c = 0;
  if (ax >= 0.3465735912322998) {
    // high word > 0x3fd62e42, i.e. ≥ 0x3fd62e43: |x| > ½ ln 2: x = k·ln 2 + r, r = hi − lo, and c the rounding error of that subtraction
    let hi = 0;
    let lo = 0;
    if (ax < 1.0397205352783203) {
      // 0x3ff0a2b2
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
  } else if (ax < 5.551115123125783e-17) {
    // 0x3c900000
    return x; // |x| < 2⁻⁵⁴
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 =
    1 + hxs * (expm1Q1 + hxs * (expm1Q2 + hxs * (expm1Q3 + hxs * (expm1Q4 + hxs * expm1Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  const twoToK = twoToThe[1074 + k] as number;
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
    t = 1 - (twoToThe[1074 - k] as number); // 1 − 2⁻ᵏ, exact
    y = t - (e - x);
  } else {
    t = twoToThe[1074 - k] as number; // 2⁻ᵏ
    y = x - (e + t);
    y += 1;
  }
  return y * twoToK;
}

export function tanh(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < Number.POSITIVE_INFINITY)) return x > 0 ? 1 / x + 1 : 1 / x - 1; // ±1 for ±∞, NaN
  let z = 1;
  if (ax < 22) {
    // 0x40360000
    if (ax < 3.725290298461914e-9) return x; // 0x3e300000: |x| < 2⁻²⁸ (±0 stay ±0)
    if (ax >= 1) {
      z = 1 - 2 / (expm1(2 * ax) + 2);
    } else {
      const t = expm1(-2 * ax);
      z = -t / (t + 2);
    }
  }
  return x > 0 ? z : -z;
}
