// The limits in force: wrangler.toml's [vars] when they are sound numbers, else shared defaults.
import { defaultLimits, type Limits } from "../shared/index.ts";

const varNames: Record<keyof Limits, keyof Env> = {
  maxRows: "MAX_ROWS",
  maxInputs: "MAX_INPUTS",
  maxOutputs: "MAX_OUTPUTS",
  maxHiddenLayers: "MAX_HIDDEN_LAYERS",
  maxUnits: "MAX_UNITS",
  maxEpochs: "MAX_EPOCHS",
  maxCost: "MAX_COST",
};

/** A positive whole number from a var, or undefined when it is missing or not one. */
export function positiveInteger(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : Number(value);
  return typeof value !== "boolean" && value !== "" && Number.isSafeInteger(n) && n > 0
    ? n
    : undefined;
}

export function limitsFrom(env: Env): Limits {
  const limits = { ...defaultLimits };
  for (const key of Object.keys(varNames) as (keyof Limits)[]) {
    limits[key] = positiveInteger(env[varNames[key]]) ?? defaultLimits[key];
  }
  return limits;
}

const defaultTtlDays = 90;

/** Seconds a stored model lives; KV wants at least 60. */
export function modelTtlSeconds(env: Env): number {
  return Math.max(60, (positiveInteger(env.MODEL_TTL_DAYS) ?? defaultTtlDays) * 86_400);
}
