// One update of a flat parameter array from its gradient g. Each returns whether the sum of the new
// values is finite, which it is exactly when every value is (short of an overflow, itself a
// divergence), so the loop can spot divergence without a second pass (a boolean, not the sum: a
// double returned from a call V8 does not inline is a heap allocation). Each keeps the old values in `previous`, so a
// diverged run can hand back the weights from before its last update.

/** sgd: w ← w − lr·g. */
export function sgdStep(
  values: Float64Array,
  gradient: Float64Array,
  previous: Float64Array,
  count: number,
  rate: number,
): boolean {
  let check = 0;
  for (let k = 0; k < count; k++) {
    const old = values[k] as number;
    previous[k] = old;
    const next = old - rate * (gradient[k] as number);
    values[k] = next;
    check += next;
  }
  return Number.isFinite(check);
}

/** momentum: v ← μ·v − lr·g, w ← w + v (v starts at 0). */
export function momentumStep(
  values: Float64Array,
  gradient: Float64Array,
  velocity: Float64Array,
  previous: Float64Array,
  count: number,
  rate: number,
  momentum: number,
): boolean {
  let check = 0;
  for (let k = 0; k < count; k++) {
    const old = values[k] as number;
    previous[k] = old;
    const speed = momentum * (velocity[k] as number) - rate * (gradient[k] as number);
    velocity[k] = speed;
    const next = old + speed;
    values[k] = next;
    check += next;
  }
  return Number.isFinite(check);
}

export const adamBeta1 = 0.9;
export const adamBeta2 = 0.999;
export const adamEpsilon = 1e-8;

/**
 * adam at step t (1, 2, …): m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², m̂ = m/(1−β1^t),
 * v̂ = v/(1−β2^t), w ← w − lr·m̂/(√v̂ + ε). `correction1` = 1−β1^t, `correction2` = 1−β2^t.
 */
export function adamStep(
  values: Float64Array,
  gradient: Float64Array,
  firstMoment: Float64Array,
  secondMoment: Float64Array,
  previous: Float64Array,
  count: number,
  rate: number,
  correction1: number,
  correction2: number,
): boolean {
  let check = 0;
  for (let k = 0; k < count; k++) {
    const g = gradient[k] as number;
    const m = adamBeta1 * (firstMoment[k] as number) + (1 - adamBeta1) * g;
    const v = adamBeta2 * (secondMoment[k] as number) + (1 - adamBeta2) * (g * g);
    firstMoment[k] = m;
    secondMoment[k] = v;
    const old = values[k] as number;
    previous[k] = old;
    const next = old - (rate * (m / correction1)) / (Math.sqrt(v / correction2) + adamEpsilon);
    values[k] = next;
    check += next;
  }
  return Number.isFinite(check);
}

/** L1 adds rate·sign(w) and L2 adds rate·w to the weights' gradient (biases are left alone). */
export function regularize(
  gradient: Float64Array,
  weights: Float64Array,
  count: number,
  l1: boolean,
  rate: number,
): void {
  for (let k = 0; k < count; k++) {
    const w = weights[k] as number;
    gradient[k] = (gradient[k] as number) + rate * (l1 ? Math.sign(w) : w);
  }
}
