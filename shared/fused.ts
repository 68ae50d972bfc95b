// Fused versions of the loops in network.ts for the hot path: each does in one pass what two
// functions would (a product and the activation, the error passed back and act′, a gradient and
// its sgd update), with the same arithmetic in the same order, so the results are the same bits.
import { activate, sigmoidCode, slopeAt } from "./activation.ts";
import { exp } from "./exp.ts";

function activated(code: number, z: number): number {
  return code === sigmoidCode ? 1 / (1 + exp(-z)) : activate(code, z);
}

function slope(code: number, y: number): number {
  return code === sigmoidCode ? y * (1 - y) : slopeAt(code, y);
}

/** output = act(x·W + b) for `rows` rows: `linearLayer` then `activateAll`, in one pass. */
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
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const at0 = r * fanIn;
    const at1 = at0 + fanIn;
    const at2 = at1 + fanIn;
    const at3 = at2 + fanIn;
    const out = r * fanOut;
    for (let j = 0; j < fanOut; j++) {
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
      output[out + j] = activated(code, sum0);
      output[out + fanOut + j] = activated(code, sum1);
      output[out + 2 * fanOut + j] = activated(code, sum2);
      output[out + 3 * fanOut + j] = activated(code, sum3);
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
      output[outputAt + j] = activated(code, hasBias ? sum + (biases[j] as number) : sum);
    }
  }
}

/**
 * below[r, i] = (Σ_j delta[r, j]·W[i, j])·act′(y[r, i]): `passBack` then `multiplySlopes`, in one
 * pass. `outputs` holds y, the layer below's activations.
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
    for (let i = 0; i < fanIn; i++) {
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
      below[out + i] = sum0 * slope(code, outputs[out + i] as number);
      below[out + fanIn + i] = sum1 * slope(code, outputs[out + fanIn + i] as number);
      below[out + 2 * fanIn + i] = sum2 * slope(code, outputs[out + 2 * fanIn + i] as number);
      below[out + 3 * fanIn + i] = sum3 * slope(code, outputs[out + 3 * fanIn + i] as number);
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
      below[belowAt + i] = sum * slope(code, outputs[belowAt + i] as number);
    }
  }
}

/**
 * Plain sgd on one layer: each gradient Σ_r x[r, i]·delta[r, j] (as `weightGradient`) goes
 * straight into W ← W − lr·g, the old value kept in `previous`; then the bias likewise. Returns
 * the sum of the new values (finite exactly when they all are, short of overflow).
 */
export function sgdLayer(
  input: Float64Array,
  deltas: Float64Array,
  rows: number,
  fanIn: number,
  fanOut: number,
  weights: Float64Array,
  previous: Float64Array,
  biases: Float64Array,
  previousBiases: Float64Array,
  hasBias: boolean,
  rate: number,
): number {
  let check = 0;
  let i = 0;
  for (; i + 4 <= fanIn; i += 4) {
    for (let j = 0; j < fanOut; j++) {
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
      const k0 = i * fanOut + j;
      const k1 = k0 + fanOut;
      const k2 = k1 + fanOut;
      const k3 = k2 + fanOut;
      const w0 = weights[k0] as number;
      const w1 = weights[k1] as number;
      const w2 = weights[k2] as number;
      const w3 = weights[k3] as number;
      previous[k0] = w0;
      previous[k1] = w1;
      previous[k2] = w2;
      previous[k3] = w3;
      const n0 = w0 - rate * sum0;
      const n1 = w1 - rate * sum1;
      const n2 = w2 - rate * sum2;
      const n3 = w3 - rate * sum3;
      weights[k0] = n0;
      weights[k1] = n1;
      weights[k2] = n2;
      weights[k3] = n3;
      check += n0 + n1 + n2 + n3;
    }
  }
  for (; i + 2 <= fanIn; i += 2) {
    for (let j = 0; j < fanOut; j++) {
      let sum0 = 0;
      let sum1 = 0;
      for (let r = 0; r < rows; r++) {
        const d = deltas[r * fanOut + j] as number;
        const at = r * fanIn + i;
        sum0 += (input[at] as number) * d;
        sum1 += (input[at + 1] as number) * d;
      }
      const k0 = i * fanOut + j;
      const k1 = k0 + fanOut;
      const w0 = weights[k0] as number;
      const w1 = weights[k1] as number;
      previous[k0] = w0;
      previous[k1] = w1;
      const n0 = w0 - rate * sum0;
      const n1 = w1 - rate * sum1;
      weights[k0] = n0;
      weights[k1] = n1;
      check += n0 + n1;
    }
  }
  for (; i < fanIn; i++) {
    for (let j = 0; j < fanOut; j++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) {
        sum += (input[r * fanIn + i] as number) * (deltas[r * fanOut + j] as number);
      }
      const k = i * fanOut + j;
      const old = weights[k] as number;
      previous[k] = old;
      const next = old - rate * sum;
      weights[k] = next;
      check += next;
    }
  }
  if (hasBias) {
    for (let j = 0; j < fanOut; j++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += deltas[r * fanOut + j] as number;
      const old = biases[j] as number;
      previousBiases[j] = old;
      const next = old - rate * sum;
      biases[j] = next;
      check += next;
    }
  }
  return check;
}
