// Training is the one expensive request, so it is rate limited per client address.
import type { Context } from "hono";
import type { AppEnv } from "./app-env.ts";
import { positiveInteger } from "./limits.ts";
import { problem, problemResponse, problemTypes } from "./problem.ts";

/**
 * null when the request may go on, else the 429. The binding answers only `{ success }`, so
 * Retry-After is the limiter's period: its windows are at most that long.
 */
export async function rateLimited(c: Context<AppEnv>) {
  if (c.env.RATE_LIMIT === "off") return null;
  const key = c.req.header("CF-Connecting-IP") ?? "unknown";
  const { success } = await c.env.TRAIN_LIMITER.limit({ key });
  if (success) return null;
  const period = positiveInteger(c.env.TRAIN_RATE_PERIOD) ?? 60;
  return problemResponse(
    c,
    problem(429, `too many training requests from this address; try again in ${period} s`, {
      type: problemTypes.rateLimited,
    }),
    { "Retry-After": String(period) },
  );
}
