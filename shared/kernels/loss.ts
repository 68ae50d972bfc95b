// The three losses: their value over a table and the scale of their gradient ∂L/∂y = scale·(y − t).

import type { LossName } from "../schemas/request.ts";
import { exp } from "./exp.ts";
import { log1p } from "./log1p.ts";

export const sseCode = 0;
export const mseCode = 1;
export const bceCode = 2;

export const lossCode: Readonly<Record<LossName, number>> = {
  sse: sseCode,
  mse: mseCode,
  bce: bceCode,
};

/**
 * The loss from its raw sum over `count` = rows × outputs terms: sse = ½·Σ(y−t)², mse = Σ(y−t)²/count,
 * bce = Σ[max(z,0) − z·t + log(1 + e^−|z|)]/count (cross-entropy written from the output's z, so it
 * stays finite when the sigmoid rounds to 0 or 1).
 */
export function reduceLoss(code: number, sum: number, count: number): number {
  return code === sseCode ? 0.5 * sum : sum / count;
}

/** ∂L/∂y = scale·(y − t) for a batch of `count` terms (bce: ∂L/∂z, the sigmoid's slope fused in). */
export function gradientScale(code: number, count: number): number {
  if (code === sseCode) return 1;
  if (code === mseCode) return 2 / count;
  return 1 / count;
}

/** One bce term from the output's pre-activation z and its target. */
export function crossEntropyTerm(z: number, target: number): number {
  return crossEntropyWith(z, target, log1p(exp(-Math.abs(z))));
}

/** The bce term given its log(1 + e^−|z|), for a loop that takes the logs of a block at once. */
export function crossEntropyWith(z: number, target: number, logTerm: number): number {
  return Math.max(z, 0) - z * target + logTerm;
}
