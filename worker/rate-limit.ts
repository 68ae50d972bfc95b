// Training is the one expensive request, so it is rate limited per client address; jobs, which
// are many requests' work, have a limiter of their own.
import type { Context } from "hono";
import type { AppEnv } from "./app-env.ts";
import { positiveInteger } from "./limits.ts";
import { problem, problemResponse, problemTypes } from "./problem.ts";

const limiters = {
  train: { binding: "TRAIN_LIMITER", period: "TRAIN_RATE_PERIOD", what: "training requests" },
  jobs: { binding: "JOB_LIMITER", period: "JOB_RATE_PERIOD", what: "jobs" },
} as const;

/**
 * null when the request may go on, else the 429. The binding answers only `{ success }`, so
 * Retry-After is the limiter's period: its windows are at most that long.
 */
export async function rateLimited<E extends AppEnv>(
  c: Context<E>,
  kind: keyof typeof limiters = "train",
) {
  if (c.env.RATE_LIMIT === "off") return null;
  const limiter = limiters[kind];
  const key = c.req.header("CF-Connecting-IP") ?? "unknown";
  const { success } = await c.env[limiter.binding].limit({ key });
  if (success) return null;
  const period = positiveInteger(c.env[limiter.period]) ?? 60;
  return problemResponse(
    c,
    problem(429, `too many ${limiter.what} from this address; try again in ${period} s`, {
      type: problemTypes.rateLimited,
    }),
    { "Retry-After": String(period) },
  );
}
