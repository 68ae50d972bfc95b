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

/** One optimizer step on every layer; returns the sum of the new values (finite when all are). */
export function update(setup: Setup): number {
  const optimizer = setup.optimizer;
  const { kind, rate } = optimizer;
  optimizer.step++;
  if (kind === adamKind) {
    optimizer.beta1Power *= adamBeta1;
    optimizer.beta2Power *= adamBeta2;
  }
  const correction1 = 1 - optimizer.beta1Power;
  const correction2 = 1 - optimizer.beta2Power;
  let check = 0;
  for (const layer of setup.layers) {
    const { weights, biases, weightGradient, biasGradient, previousWeights, previousBiases } =
      layer;
    const count = weights.length;
    const biasCount = setup.hasBias ? biases.length : 0;
    if (optimizer.regularized)
      regularize(weightGradient, weights, count, optimizer.l1, optimizer.regularizationRate);
    if (kind === sgdKind) {
      check += sgdStep(weights, weightGradient, previousWeights, count, rate);
      check += sgdStep(biases, biasGradient, previousBiases, biasCount, rate);
    } else if (kind === adamKind) {
      const { firstWeights, secondWeights, firstBiases, secondBiases } = layer;
      check += adamStep(
        weights,
        weightGradient,
        firstWeights,
        secondWeights,
        previousWeights,
        count,
        rate,
        correction1,
        correction2,
      );
      check += adamStep(
        biases,
        biasGradient,
        firstBiases,
        secondBiases,
        previousBiases,
        biasCount,
        rate,
        correction1,
        correction2,
      );
    } else {
      const momentum = optimizer.momentum;
      check += momentumStep(
        weights,
        weightGradient,
        layer.firstWeights,
        previousWeights,
        count,
        rate,
        momentum,
      );
      check += momentumStep(
        biases,
        biasGradient,
        layer.firstBiases,
        previousBiases,
        biasCount,
        rate,
        momentum,
      );
    }
  }
  return check;
}

/** Undo the last update: every weight and bias as it was before it, still finite. */
export function rollBack(setup: Setup): void {
  for (const layer of setup.layers) {
    layer.weights.set(layer.previousWeights);
    layer.biases.set(layer.previousBiases);
  }
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
