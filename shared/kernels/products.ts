// The products of a dense layer, each written once, with its sizes as parameters (as tfjs-core's
// CPU kernels): the forward product (with or without the activation), the error passed back with
// the activation's slope, and the weight and bias gradients. Each keeps four independent sums
// going at once (four rows, or four inputs), so the adds overlap instead of waiting on each
// other; each sum still runs over its terms in order from 0, as numpy's matmul does, so the result
// is bit for bit that of the plain loop.
import { activateAll, slopeAt } from "./activation.ts";

/**
 * z = x·W (+ b) for `rows` rows: each dot product summed from i = 0 upwards, then the bias added,
 * as numpy's `x @ W + b`.
 */
export function linearLayer(
  input: Float64Array,
  rows: number,
  fanIn: number,
  weights: Float64Array,
  biases: Float64Array,
  hasBias: boolean,
  fanOut: number,
  output: Float64Array,
): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const at0 = r * fanIn;
    const at1 = at0 + fanIn;
    const at2 = at1 + fanIn;
    const at3 = at2 + fanIn;
    const out = r * fanOut;
    let j = 0;
    for (; j + 2 <= fanOut; j += 2) {
      // Four rows × two units: each weight loaded serves four rows, each input two units.
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let i = 0; i < fanIn; i++) {
        const k = i * fanOut + j;
        const w = weights[k] as number;
        const v = weights[k + 1] as number;
        const x0 = input[at0 + i] as number;
        const x1 = input[at1 + i] as number;
        const x2 = input[at2 + i] as number;
        const x3 = input[at3 + i] as number;
        a0 += x0 * w;
        a1 += x1 * w;
        a2 += x2 * w;
        a3 += x3 * w;
        b0 += x0 * v;
        b1 += x1 * v;
        b2 += x2 * v;
        b3 += x3 * v;
      }
      if (hasBias) {
        const bw = biases[j] as number;
        const bv = biases[j + 1] as number;
        a0 += bw;
        a1 += bw;
        a2 += bw;
        a3 += bw;
        b0 += bv;
        b1 += bv;
        b2 += bv;
        b3 += bv;
      }
      output[out + j] = a0;
      output[out + fanOut + j] = a1;
      output[out + 2 * fanOut + j] = a2;
      output[out + 3 * fanOut + j] = a3;
      output[out + j + 1] = b0;
      output[out + fanOut + j + 1] = b1;
      output[out + 2 * fanOut + j + 1] = b2;
      output[out + 3 * fanOut + j + 1] = b3;
    }
    for (; j < fanOut; j++) {
      let sum0 = 0;
      let sum1 = 0;
      let sum2 = 0;
      let sum3 = 0;
      for (let i = 0; i < fanIn; i++) {
        const w = weights[i * fanOut + j] as number;
        sum0 += (input[at0 + i] as number) * w;
        sum1 += (input[at1 + i] as number) * w;
        sum2 += (input[at2 + i] as number) * w;
        sum3 += (input[at3 + i] as number) * w;
      }
      if (hasBias) {
        const b = biases[j] as number;
        sum0 += b;
        sum1 += b;
        sum2 += b;
        sum3 += b;
      }
      output[out + j] = sum0;
      output[out + fanOut + j] = sum1;
      output[out + 2 * fanOut + j] = sum2;
      output[out + 3 * fanOut + j] = sum3;
    }
  }
  for (; r < rows; r++) {
    const inputAt = r * fanIn;
    const outputAt = r * fanOut;
    for (let j = 0; j < fanOut; j++) {
      let sum = 0;
      for (let i = 0; i < fanIn; i++) {
        sum += (input[inputAt + i] as number) * (weights[i * fanOut + j] as number);
      }
      output[outputAt + j] = hasBias ? sum + (biases[j] as number) : sum;
    }
  }
}

/** output = act(x·W + b) for `rows` rows: the hidden layers' forward product, then the activation. */
export function denseLayer(
  input: Float64Array,
  rows: number,
  fanIn: number,
  weights: Float64Array,
  biases: Float64Array,
  hasBias: boolean,
  fanOut: number,
  output: Float64Array,
  code: number,
): void {
  linearLayer(input, rows, fanIn, weights, biases, hasBias, fanOut, output);
  activateAll(code, output, rows * fanOut);
}

/**
 * below[r, i] = (Σ_j delta[r, j]·W[i, j])·act′(y[r, i]): the error passed back to the layer below,
 * its activation's slope fused in. `outputs` holds y, the layer below's activations.
 */
export function passBackWithSlopes(
  deltas: Float64Array,
  rows: number,
  fanIn: number,
  weights: Float64Array,
  fanOut: number,
  below: Float64Array,
  outputs: Float64Array,
  code: number,
): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const at0 = r * fanOut;
    const at1 = at0 + fanOut;
    const at2 = at1 + fanOut;
    const at3 = at2 + fanOut;
    const out = r * fanIn;
    let i = 0;
    for (; i + 2 <= fanIn; i += 2) {
      // Four rows × two inputs: each error loaded serves two inputs, each weight four rows.
      const weightAt = i * fanOut;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let j = 0; j < fanOut; j++) {
        const w = weights[weightAt + j] as number;
        const v = weights[weightAt + fanOut + j] as number;
        const d0 = deltas[at0 + j] as number;
        const d1 = deltas[at1 + j] as number;
        const d2 = deltas[at2 + j] as number;
        const d3 = deltas[at3 + j] as number;
        a0 += d0 * w;
        a1 += d1 * w;
        a2 += d2 * w;
        a3 += d3 * w;
        b0 += d0 * v;
        b1 += d1 * v;
        b2 += d2 * v;
        b3 += d3 * v;
      }
      below[out + i] = a0 * slopeAt(code, outputs[out + i] as number);
      below[out + fanIn + i] = a1 * slopeAt(code, outputs[out + fanIn + i] as number);
      below[out + 2 * fanIn + i] = a2 * slopeAt(code, outputs[out + 2 * fanIn + i] as number);
      below[out + 3 * fanIn + i] = a3 * slopeAt(code, outputs[out + 3 * fanIn + i] as number);
      const next = out + i + 1;
      below[next] = b0 * slopeAt(code, outputs[next] as number);
      below[next + fanIn] = b1 * slopeAt(code, outputs[next + fanIn] as number);
      below[next + 2 * fanIn] = b2 * slopeAt(code, outputs[next + 2 * fanIn] as number);
      below[next + 3 * fanIn] = b3 * slopeAt(code, outputs[next + 3 * fanIn] as number);
    }
    for (; i < fanIn; i++) {
      const weightAt = i * fanOut;
      let sum0 = 0;
      let sum1 = 0;
      let sum2 = 0;
      let sum3 = 0;
      for (let j = 0; j < fanOut; j++) {
        const w = weights[weightAt + j] as number;
        sum0 += (deltas[at0 + j] as number) * w;
        sum1 += (deltas[at1 + j] as number) * w;
        sum2 += (deltas[at2 + j] as number) * w;
        sum3 += (deltas[at3 + j] as number) * w;
      }
      below[out + i] = sum0 * slopeAt(code, outputs[out + i] as number);
      below[out + fanIn + i] = sum1 * slopeAt(code, outputs[out + fanIn + i] as number);
      below[out + 2 * fanIn + i] = sum2 * slopeAt(code, outputs[out + 2 * fanIn + i] as number);
      below[out + 3 * fanIn + i] = sum3 * slopeAt(code, outputs[out + 3 * fanIn + i] as number);
    }
  }
  for (; r < rows; r++) {
    const deltaAt = r * fanOut;
    const belowAt = r * fanIn;
    for (let i = 0; i < fanIn; i++) {
      const weightAt = i * fanOut;
      let sum = 0;
      for (let j = 0; j < fanOut; j++) {
        sum += (deltas[deltaAt + j] as number) * (weights[weightAt + j] as number);
      }
      below[belowAt + i] = sum * slopeAt(code, outputs[belowAt + i] as number);
    }
  }
}

/** ∂L/∂W[i, j] = Σ_r x[r, i]·delta[r, j], rows summed in order (numpy's `x.T @ delta`). */
export function weightGradient(
  input: Float64Array,
  deltas: Float64Array,
  rows: number,
  fanIn: number,
  fanOut: number,
  gradient: Float64Array,
): void {
  let i = 0;
  for (; i + 4 <= fanIn; i += 4) {
    let j = 0;
    for (; j + 2 <= fanOut; j += 2) {
      // Four inputs × two units: each input loaded serves two units, each error four inputs.
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let r = 0; r < rows; r++) {
        const dAt = r * fanOut + j;
        const d = deltas[dAt] as number;
        const e = deltas[dAt + 1] as number;
        const at = r * fanIn + i;
        const x0 = input[at] as number;
        const x1 = input[at + 1] as number;
        const x2 = input[at + 2] as number;
        const x3 = input[at + 3] as number;
        a0 += x0 * d;
        a1 += x1 * d;
        a2 += x2 * d;
        a3 += x3 * d;
        b0 += x0 * e;
        b1 += x1 * e;
        b2 += x2 * e;
        b3 += x3 * e;
      }
      const k = i * fanOut + j;
      gradient[k] = a0;
      gradient[k + fanOut] = a1;
      gradient[k + 2 * fanOut] = a2;
      gradient[k + 3 * fanOut] = a3;
      gradient[k + 1] = b0;
      gradient[k + fanOut + 1] = b1;
      gradient[k + 2 * fanOut + 1] = b2;
      gradient[k + 3 * fanOut + 1] = b3;
    }
    for (; j < fanOut; j++) {
      let sum0 = 0;
      let sum1 = 0;
      let sum2 = 0;
      let sum3 = 0;
      for (let r = 0; r < rows; r++) {
        const d = deltas[r * fanOut + j] as number;
        const at = r * fanIn + i;
        sum0 += (input[at] as number) * d;
        sum1 += (input[at + 1] as number) * d;
        sum2 += (input[at + 2] as number) * d;
        sum3 += (input[at + 3] as number) * d;
      }
      gradient[i * fanOut + j] = sum0;
      gradient[(i + 1) * fanOut + j] = sum1;
      gradient[(i + 2) * fanOut + j] = sum2;
      gradient[(i + 3) * fanOut + j] = sum3;
    }
  }
  for (; i < fanIn; i++) {
    let j = 0;
    for (; j + 4 <= fanOut; j += 4) {
      // One input × four units (what fewer than four inputs leave).
      let sum0 = 0;
      let sum1 = 0;
      let sum2 = 0;
      let sum3 = 0;
      for (let r = 0; r < rows; r++) {
        const x = input[r * fanIn + i] as number;
        const dAt = r * fanOut + j;
        sum0 += x * (deltas[dAt] as number);
        sum1 += x * (deltas[dAt + 1] as number);
        sum2 += x * (deltas[dAt + 2] as number);
        sum3 += x * (deltas[dAt + 3] as number);
      }
      const k = i * fanOut + j;
      gradient[k] = sum0;
      gradient[k + 1] = sum1;
      gradient[k + 2] = sum2;
      gradient[k + 3] = sum3;
    }
    for (; j < fanOut; j++) {
      let sum = 0;
      for (let r = 0; r < rows; r++)
        sum += (input[r * fanIn + i] as number) * (deltas[r * fanOut + j] as number);
      gradient[i * fanOut + j] = sum;
    }
  }
}

/** ∂L/∂b[j] = Σ_r delta[r, j], rows summed in order. */
export function biasGradient(
  deltas: Float64Array,
  rows: number,
  fanOut: number,
  gradient: Float64Array,
): void {
  for (let j = 0; j < fanOut; j++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += deltas[r * fanOut + j] as number;
    gradient[j] = sum;
  }
}
