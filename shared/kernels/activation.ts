// The activations as small integer codes, so the hot loops switch once per value with a branch
// the CPU predicts, and never look a name up. Each activation and its slope is written here once.
import type { Activation } from "../schemas/request.ts";
import { exp } from "./exp.ts";
import { tanh, tanhAll } from "./tanh.ts";

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

/**
 * act(z). The sigmoid, the usual case, is tested first in a function small enough for V8 to
 * inline into the products, so it costs no call; the others go through `otherActivation`.
 */
export function activate(code: number, z: number): number {
  return code === sigmoidCode ? 1 / (1 + exp(-z)) : otherActivation(code, z);
}

/** values[k] = act(values[k]) for the first `count` values (the sigmoid in a loop of its own, where
 * V8 inlines it; tanh in its own kernel, too large to inline). */
export function activateAll(code: number, values: Float64Array, count: number): void {
  if (code === sigmoidCode) {
    for (let k = 0; k < count; k++) values[k] = 1 / (1 + exp(-(values[k] as number)));
  } else if (code === tanhCode) {
    tanhAll(values, count);
  } else {
    for (let k = 0; k < count; k++) values[k] = otherActivation(code, values[k] as number);
  }
}

function otherActivation(code: number, z: number): number {
  switch (code) {
    case tanhCode:
      return tanh(z);
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
  return code === sigmoidCode ? y * (1 - y) : otherSlope(code, y);
}

function otherSlope(code: number, y: number): number {
  switch (code) {
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
