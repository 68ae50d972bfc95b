// The activations as small integer codes, so the hot loops switch once per layer, not per unit.
import { exp } from "./exp.ts";
import type { Activation } from "./request.ts";

export const sigmoidCode = 0;
export const tanhCode = 1;
export const reluCode = 2;
export const leakyReluCode = 3;
export const linearCode = 4;

export const activationCode: Readonly<Record<Activation, number>> = {
  sigmoid: sigmoidCode,
  tanh: tanhCode,
  relu: reluCode,
  leaky_relu: leakyReluCode,
  linear: linearCode,
};

/** Leaky ReLU's slope below zero. */
export const leakySlope = 0.01;

/** act(z) for one value: the same expressions as `activateAll`, for the step-by-step trace. */
export function activate(code: number, z: number): number {
  switch (code) {
    case sigmoidCode:
      return 1 / (1 + exp(-z));
    case tanhCode:
      return Math.tanh(z);
    case reluCode:
      return Math.max(z, 0);
    case leakyReluCode:
      return z > 0 ? z : leakySlope * z;
    default:
      return z;
  }
}

/**
 * act′ written from the output y = act(z), as the notebook's `x * (1 - x)`: every activation here
 * has y > 0 exactly when z > 0, so ReLU's kink needs no z (and relu′(0) = 0).
 */
export function slopeAt(code: number, y: number): number {
  switch (code) {
    case sigmoidCode:
      return y * (1 - y);
    case tanhCode:
      return 1 - y * y;
    case reluCode:
      return y > 0 ? 1 : 0;
    case leakyReluCode:
      return y > 0 ? 1 : leakySlope;
    default:
      return 1;
  }
}

/** values[k] = act(values[k]) for the first `count` values, in place. */
export function activateAll(code: number, values: Float64Array, count: number): void {
  switch (code) {
    case sigmoidCode:
      for (let k = 0; k < count; k++) values[k] = 1 / (1 + exp(-(values[k] as number)));
      return;
    case tanhCode:
      for (let k = 0; k < count; k++) values[k] = Math.tanh(values[k] as number);
      return;
    case reluCode:
      for (let k = 0; k < count; k++) {
        const z = values[k] as number;
        values[k] = Math.max(z, 0);
      }
      return;
    case leakyReluCode:
      for (let k = 0; k < count; k++) {
        const z = values[k] as number;
        values[k] = z > 0 ? z : leakySlope * z;
      }
      return;
    default:
      return;
  }
}

/** deltas[k] *= act′ at outputs[k], for the first `count` values (the backward pass's chain rule). */
export function multiplySlopes(
  code: number,
  outputs: Float64Array,
  deltas: Float64Array,
  count: number,
): void {
  switch (code) {
    case sigmoidCode:
      for (let k = 0; k < count; k++) {
        const y = outputs[k] as number;
        deltas[k] = (deltas[k] as number) * (y * (1 - y));
      }
      return;
    case tanhCode:
      for (let k = 0; k < count; k++) {
        const y = outputs[k] as number;
        deltas[k] = (deltas[k] as number) * (1 - y * y);
      }
      return;
    case reluCode:
      for (let k = 0; k < count; k++) if (!((outputs[k] as number) > 0)) deltas[k] = 0;
      return;
    case leakyReluCode:
      for (let k = 0; k < count; k++) {
        if (!((outputs[k] as number) > 0)) deltas[k] = (deltas[k] as number) * leakySlope;
      }
      return;
    default:
      return;
  }
}
