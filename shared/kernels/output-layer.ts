// The output layer's last steps fused into one pass over its units: activation, loss term and
// output error (∂L/∂z), so training reads each output once.
import { activateAll, sigmoidCode, slopeAt } from "./activation.ts";
import { exp } from "./exp.ts";
import { log1pAll } from "./log1p.ts";
import { bceCode, crossEntropyWith } from "./loss.ts";

/**
 * values holds the output layer's z for `count` = rows × outputs units; turns them into y = act(z)
 * in place, writes ∂L/∂z = scale·(y − t)·act′(y) (bce: scale·(y − t)) into `errors`, and the raw
 * loss sum (Σ(y − t)², or Σ of bce terms from z) into `lossSum[0]`, all in row-major order. (The
 * sum goes into an array because a double returned from a call V8 does not inline is a new heap
 * number: one allocation per batch.) bce keeps its y in `sigmoids` (`count` long) meanwhile.
 */
export function outputLayer(
  code: number,
  loss: number,
  values: Float64Array,
  targets: Float64Array,
  count: number,
  scale: number,
  errors: Float64Array,
  lossSum: Float64Array,
  sigmoids: Float64Array,
): void {
  let sum = 0;
  if (loss === bceCode) {
    // The terms' logs log(1 + e^−|z|) over the whole block first, in `errors` before they are
    // written: one log1pAll call, not one a value. Where z ≥ 0, e^−|z| is the sigmoid's own e^−z,
    // so half the outputs, about, take one exp, not two.
    for (let k = 0; k < count; k++) {
      const z = values[k] as number;
      const e = exp(-Math.abs(z));
      errors[k] = e;
      sigmoids[k] = 1 / (1 + (z >= 0 ? e : exp(-z)));
    }
    log1pAll(errors, count);
    for (let k = 0; k < count; k++) {
      const t = targets[k] as number;
      sum += crossEntropyWith(values[k] as number, t, errors[k] as number);
      const y = sigmoids[k] as number;
      values[k] = y;
      errors[k] = (y - t) * scale;
    }
  } else if (code === sigmoidCode) {
    // The usual case in a loop of its own: V8 inlines the sigmoid here, not through `activate`.
    for (let k = 0; k < count; k++) {
      const y = 1 / (1 + exp(-(values[k] as number)));
      values[k] = y;
      const error = y - (targets[k] as number);
      sum += error * error;
      errors[k] = error * scale * (y * (1 - y));
    }
  } else {
    activateAll(code, values, count);
    for (let k = 0; k < count; k++) {
      const y = values[k] as number;
      const error = y - (targets[k] as number);
      sum += error * error;
      errors[k] = error * scale * slopeAt(code, y);
    }
  }
  lossSum[0] = sum;
}
