// Adam's running products β1^t and β2^t end on a subnormal that β·x rounds back to; the core then
// stops multiplying (a subnormal operation costs ~100 cycles). These check that what it keeps is
// still the plain running product, bit for bit.
import { describe, expect, test } from "vitest";
import { train } from "../../shared/index.ts";
import { adamBeta1, adamBeta2 } from "../../shared/kernels/optimizer.ts";

const smallest = 2 ** -1074;

/** β·β·…·β, t times, starting at 1: what the state held before the core stopped multiplying. */
function plainPower(beta: number, t: number): number {
  let power = 1;
  for (let k = 0; k < t; k++) power *= beta;
  return power;
}

describe("adam's β powers", () => {
  test("below 5 and 499 times 2⁻¹⁰⁷⁴ (and only there) β1·x and β2·x round back to x", () => {
    const fixed = (beta: number, k: number) => k * smallest * beta === k * smallest;
    expect(Array.from({ length: 5 }, (_, k) => fixed(adamBeta1, k + 1))).not.toContain(false);
    expect(fixed(adamBeta1, 6)).toBe(false);
    expect(Array.from({ length: 499 }, (_, k) => fixed(adamBeta2, k + 1))).not.toContain(false);
    expect(fixed(adamBeta2, 500)).toBe(false);
  });

  test("after 8,000 updates the state holds the plain product of β1 (past its floor) and of β2", () => {
    const result = train({
      table: { inputs: [[0.5], [1]], targets: [[0.2], [0.7]] },
      network: { hidden: [], output: "sigmoid" },
      training: { epochs: 4000, batchSize: 1, optimizer: "adam", learningRate: 0.01, seed: 3 },
    });
    const optimizer = result.state.optimizer;
    expect(optimizer.kind).toBe("adam");
    if (optimizer.kind !== "adam") return;
    expect(optimizer.step).toBe(8000);
    expect(optimizer.beta1Power).toBe(plainPower(adamBeta1, 8000));
    expect(optimizer.beta1Power).toBe(5 * smallest);
    expect(optimizer.beta2Power).toBe(plainPower(adamBeta2, 8000));
  });
});
