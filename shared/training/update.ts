// The optimizer's step on every layer from the gradients `backward` left, and its undoing.
import {
  adamBeta1,
  adamBeta2,
  adamStep,
  momentumStep,
  regularize,
  sgdStep,
} from "../kernels/optimizer.ts";
import { adamKind, type Outcome, type Setup, sgdKind } from "./setup.ts";

/** The largest x with β·x = x in doubles: 5 and 499 times the smallest subnormal, 2⁻¹⁰⁷⁴. */
const beta1Floor = 5 * 2 ** -1074;
const beta2Floor = 499 * 2 ** -1074;

/** One optimizer step on every parameter; returns whether every new value is finite. */
export function update(setup: Setup): boolean {
  const optimizer = setup.optimizer;
  const { kind, rate } = optimizer;
  const { values, gradient, previous, first, second } = setup.parameters;
  const count = values.length;
  optimizer.step++;
  if (optimizer.regularized) {
    for (const { weightGradient, weights } of setup.layers)
      regularize(
        weightGradient,
        weights,
        weights.length,
        optimizer.l1,
        optimizer.regularizationRate,
      );
  }
  if (kind === sgdKind) return sgdStep(values, gradient, previous, count, rate);
  if (kind === adamKind) {
    // β^t ends on a subnormal double that β·x rounds back to, after ~7,050 updates for β1:
    // multiplying it again changes nothing but costs a subnormal operation (~100 cycles) an update.
    if (optimizer.beta1Power > beta1Floor) optimizer.beta1Power *= adamBeta1;
    if (optimizer.beta2Power > beta2Floor) optimizer.beta2Power *= adamBeta2;
    const correction1 = 1 - optimizer.beta1Power;
    const correction2 = 1 - optimizer.beta2Power;
    return adamStep(
      values,
      gradient,
      first,
      second,
      previous,
      count,
      rate,
      correction1,
      correction2,
    );
  }
  return momentumStep(values, gradient, first, previous, count, rate, optimizer.momentum);
}

/** Undo the last update: every weight and bias as it was before it, still finite. */
export function rollBack(setup: Setup): void {
  setup.parameters.values.set(setup.parameters.previous);
}

/**
 * A run whose weights after `updates` updates overflow: the last update is undone (the weights
 * before it are finite), so the run hands back `updates − 1` updates' worth. At 0 there is none to
 * undo, unless the slice before this one carried its last update's undo: then that one is undone
 * (−1 update in this slice), as the run in one go would.
 */
export function diverged(setup: Setup, updates: number): Outcome {
  if (updates === 0 && !setup.undoCarried) return { stoppedBy: "diverged", updates };
  rollBack(setup);
  return { stoppedBy: "diverged", updates: updates - 1 };
}
