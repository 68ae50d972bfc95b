// POST /api/train: JSON or CSV (commas, semicolons or tabs) in, a trained model out, stored unless
// `persist` is false.
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import {
  checkLimits,
  csvTrainRequest,
  tableMediaTypes,
  trainResolved,
} from "../../shared/index.ts";
import type { AppEnv } from "../app-env.ts";
import { limitBody, mediaTypeOf, mediaTypes } from "../guards.ts";
import { limitsFrom } from "../limits.ts";
import { storeNewModel } from "../new-model.ts";
import { rateLimited } from "../rate-limit.ts";
import { TrainBodySchema } from "../train-body.ts";
import { validate } from "../validate.ts";

/**
 * Turns a CSV (or tab-separated) body and its query into the JSON body it stands for, so one
 * validator serves both.
 */
export const csvAsJson = createMiddleware(async (c, next) => {
  const mediaType = mediaTypeOf(c);
  if (Object.hasOwn(tableMediaTypes, mediaType)) {
    const { persist, ...settings } = c.req.query();
    const separator = tableMediaTypes[mediaType];
    const body: Record<string, unknown> = {
      ...csvTrainRequest(await c.req.text(), settings, separator),
    };
    if (persist !== undefined)
      body.persist = persist === "false" ? false : persist === "true" || persist;
    // Every other header stays: the rate limiter counts by CF-Connecting-IP.
    const headers = new Headers(c.req.raw.headers);
    headers.set("Content-Type", "application/json");
    headers.delete("Content-Length");
    c.req.raw = new Request(c.req.raw.url, { method: "POST", headers, body: JSON.stringify(body) });
    // The CSV text is cached as the body; the validator must read the JSON instead.
    c.req.bodyCache = {};
  }
  await next();
});

export const trainRoutes = new Hono<AppEnv>().post(
  "/train",
  limitBody,
  mediaTypes("application/json", ...Object.keys(tableMediaTypes)),
  csvAsJson,
  validate("json", TrainBodySchema),
  async (c) => {
    const { request, persist } = c.req.valid("json");
    const limits = limitsFrom(c.env);
    checkLimits(request, limits);
    const limited = await rateLimited(c);
    if (limited) return limited;
    // The body schema parsed the request with the shared rules: the core need not parse it again.
    const { model, ...result } = trainResolved(request, limits);
    // For the request's log line, whatever it answers from here on (request-log.ts).
    c.set("run", { cost: result.cost, epochs: result.epochs, stoppedBy: result.stoppedBy });
    if (!persist) return c.json({ model, result }, 200);

    const created = await storeNewModel(c.env, model, result);
    c.header("Location", `/api/models/${created.id}`);
    return c.json(created, 201);
  },
);
