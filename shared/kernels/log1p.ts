// log(1 + x) written out in plain arithmetic, so that it is the same function in every JS runtime:
// the standard leaves Math.log1p's last bit to each engine, and they differ (Node 24's V8 runs
// fdlibm, workerd's newer V8 LLVM's libc: ~1,100 of 20,000 arguments in [-4, 4] a unit apart).
//
// A port of fdlibm's s_log1p.c, line by line, as V8 13.6 has it in src/base/ieee754.cc, so it equals
// Node 24's Math.log1p to the bit (test/core/fdlibm.test.ts checks) and the
// pinned bce runs keep their weights: 1 + x = 2ᵏ·(1 + f) with √2/2 ≤ 1 + f < √2, a correction c
// for the rounding of 1 + x, and log(1 + f) = f − (f²/2 − s·(f²/2 + R(s²))), s = f/(2 + f), R a
// degree-7 polynomial. Within 1 ulp of the true value. fdlibm reads and writes the high 32 bits of
// a double; here through a Float64Array and an Int32Array on one buffer, made once.

const wordBits = new Float64Array(1);
const words = new Int32Array(wordBits.buffer);
/** Which Int32 of the two holds the high word: 1 on a little-endian host, 0 on a big-endian one. */
const highIndex = new Int32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000 ? 1 : 0;

function highWordOf(x: number): number {
  wordBits[0] = x;
  return words[highIndex] as number;
}

/** `x` with its high word replaced by `high`. */
function withHighWord(x: number, high: number): number {
  wordBits[0] = x;
  words[highIndex] = high;
  return wordBits[0] as number;
}

const ln2Hi = 0.6931471803691238; // 0x3FE62E42 FEE00000
const ln2Lo = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76
const Lp1 = 0.6666666666666735;
const Lp2 = 0.3999999999940942;
const Lp3 = 0.2857142874366239;
const Lp4 = 0.22222198432149784;
const Lp5 = 0.1818357216161805;
const Lp6 = 0.15313837699209373;
const Lp7 = 0.14798198605116586;

/**
 * values[k] = log(1 + values[k]) for k < count: the whole of fdlibm's log1p inside one loop, each
 * of its returns a `break` out of the value's block. As a function of one value, V8 would not
 * inline it (it is over its inlining size), and every double it returned was a new heap number:
 * a call and an allocation for every bce output.
 */
export function log1pAll(values: Float64Array, count: number): void {
  for (let at = 0; at < count; at++) {
    const x = values[at] as number;
    let result = 0;
    // biome-ignore lint/suspicious/noConfusingLabels: fdlibm's returns, each a break out of the value's block
    value: {
      const hx = highWordOf(x);
      const ax = hx & 0x7fffffff;
      let k = 1;
      let f = 0;
      let hu = 0;
      let c = 0;
      if (hx < 0x3fda827a) {
        // 1 + x < √2
        if (ax >= 0x3ff00000) {
          result = x === -1 ? Number.NEGATIVE_INFINITY : Number.NaN; // x ≤ −1
          break value;
        }
        if (ax < 0x3e200000) {
          result = ax < 0x3c900000 ? x : x - x * x * 0.5; // |x| < 2⁻²⁹
          break value;
        }
        if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
          // √2/2 ≤ 1 + x < √2: no reduction
          k = 0;
          f = x;
          hu = 1;
        }
      }
      if (hx >= 0x7ff00000) {
        result = x + x; // +∞ and NaN
        break value;
      }
      if (k !== 0) {
        let u = x;
        if (hx < 0x43400000) {
          u = 1 + x;
          hu = highWordOf(u);
          k = (hu >> 20) - 1023;
          c = (k > 0 ? 1 - (u - x) : x - (u - 1)) / u;
        } else {
          hu = highWordOf(u);
          k = (hu >> 20) - 1023;
        }
        hu &= 0x000fffff;
        if (hu < 0x6a09e) {
          u = withHighWord(u, hu | 0x3ff00000); // u ≲ √2
        } else {
          k += 1;
          u = withHighWord(u, hu | 0x3fe00000); // u/2
          hu = (0x00100000 - hu) >> 2;
        }
        f = u - 1;
      }
      const hfsq = 0.5 * f * f;
      if (hu === 0) {
        // |f| < 2⁻²⁰
        if (f === 0) {
          result = k === 0 ? 0 : k * ln2Hi + (c + k * ln2Lo);
          break value;
        }
        const r = hfsq * (1 - 0.6666666666666666 * f);
        result = k === 0 ? f - r : k * ln2Hi - (r - (k * ln2Lo + c) - f);
        break value;
      }
      const s = f / (2 + f);
      const z = s * s;
      const r = z * (Lp1 + z * (Lp2 + z * (Lp3 + z * (Lp4 + z * (Lp5 + z * (Lp6 + z * Lp7))))));
      result =
        k === 0
          ? f - (hfsq - s * (hfsq + r))
          : k * ln2Hi - (hfsq - (s * (hfsq + r) + (k * ln2Lo + c)) - f);
    }
    values[at] = result;
  }
}

const scratch = new Float64Array(1);

/** log(1 + x) of one value (through log1pAll, so that the code exists once). */
export function log1p(x: number): number {
  scratch[0] = x;
  log1pAll(scratch, 1);
  return scratch[0] as number;
}
