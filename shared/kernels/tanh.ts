// tanh(x) written out in plain arithmetic, so that it is the same function in every JS runtime: the
// standard leaves Math.tanh's last bit to each engine, and they differ (Node 24's V8 runs fdlibm,
// workerd's newer V8 the C library's tanh: 16 of 20,000 arguments in [-4, 4] a unit apart).
//
// A port of fdlibm's s_tanh.c with the parts of its s_expm1.c that tanh reaches, operation for
// operation as V8 13.6 has them in src/base/ieee754.cc, so it equals Node 24's Math.tanh to the
// bit (test/core/fdlibm.test.ts checks millions of arguments) and the pinned runs trained with
// Math.tanh keep their weights:
//   tanh(x) = 1 − 2/(expm1(2|x|) + 2) for |x| ≥ 1, −t/(t + 2) with t = expm1(−2|x|) below 1,
//   x itself below 2⁻²⁸ and ±1 from 22 on. Within 1 ulp of the true value.

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

/**
 * values[k] = tanh(values[k]) for k < count: fdlibm's tanh with its expm1 written into one loop
 * body. As two functions, V8 would not inline expm1 (it is over its inlining size), and every
 * double expm1 returned was a new heap number: a call and an allocation per value, which made tanh
 * runs the slowest per unit of cost in npm run bench:budget. Only the paths of expm1 that tanh
 * can reach are here: tanh calls it on 2|x| ∈ [2, 44) and on −2|x| ∈ (−2, −2⁻²⁷], never near its
 * overflow, its tiny-argument return or its k = 1 and k = 1024 cases.
 */
export function tanhAll(values: Float64Array, count: number): void {
  for (let at = 0; at < count; at++) {
    const x = values[at] as number;
    const ax = Math.abs(x);
    let z = 1;
    if (!(ax < Number.POSITIVE_INFINITY)) {
      z = x > 0 ? 1 / x + 1 : 1 / x - 1; // ±1 for ±∞, NaN
    } else if (ax < 3.725290298461914e-9) {
      z = x; // 0x3e300000: |x| < 2⁻²⁸ (±0 stay ±0)
    } else if (ax < 22) {
      // 0x40360000: z from m = expm1(u), u = 2|x| from 1 on, −2|x| below
      const above = ax >= 1;
      let u = above ? 2 * ax : -2 * ax;
      const au = 2 * ax; // |u|
      let k = 0;
      let c = 0;
      if (au >= 0.3465735912322998) {
        // high word > 0x3fd62e42: |u| > ½ ln 2: u = k·ln 2 + r, r = hi − lo, c its rounding error
        let hi = 0;
        let lo = 0;
        if (au < 1.0397205352783203) {
          // 0x3ff0a2b2 (only a negative u gets here)
          k = -1;
          hi = u + expm1Ln2Hi;
          lo = -expm1Ln2Lo;
        } else {
          k = (expm1InvLn2 * u + (above ? 0.5 : -0.5)) | 0;
          hi = u - k * expm1Ln2Hi;
          lo = k * expm1Ln2Lo;
        }
        u = hi - lo;
        c = hi - u - lo;
      }
      const hfx = 0.5 * u;
      const hxs = u * hfx;
      const r1 =
        1 + hxs * (expm1Q1 + hxs * (expm1Q2 + hxs * (expm1Q3 + hxs * (expm1Q4 + hxs * expm1Q5))));
      let t = 3 - r1 * hfx;
      let e = hxs * ((r1 - t) / (6 - u * t));
      let m = 0;
      if (k === 0) {
        m = u - (u * e - hxs);
      } else {
        const twoToK = twoToThe[1074 + k] as number;
        e = u * (e - c) - c;
        e -= hxs;
        if (k === -1) {
          m = 0.5 * (u - e) - 0.5;
        } else if (k <= -2 || k > 56) {
          m = (1 - (e - u)) * twoToK - 1;
        } else if (k < 20) {
          t = 1 - (twoToThe[1074 - k] as number); // 1 − 2⁻ᵏ, exact
          m = (t - (e - u)) * twoToK;
        } else {
          t = twoToThe[1074 - k] as number; // 2⁻ᵏ
          m = (u - (e + t) + 1) * twoToK;
        }
      }
      z = above ? 1 - 2 / (m + 2) : -m / (m + 2);
      if (!(x > 0)) z = -z;
    } else if (!(x > 0)) {
      z = -1;
    }
    values[at] = z;
  }
}

const scratch = new Float64Array(1);

/** tanh of one value (through tanhAll, so that the code exists once). */
export function tanh(x: number): number {
  scratch[0] = x;
  tanhAll(scratch, 1);
  return scratch[0] as number;
}
