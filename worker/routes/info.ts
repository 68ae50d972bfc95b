// Read-only facts: the presets, the service's health and limits, and the OpenAPI document.
import { Hono } from "hono";
import { presets } from "../../shared/index.ts";
import type { AppEnv } from "../app-env.ts";
import { limitsFrom, modelTtlSeconds } from "../limits.ts";
import { openApiJson } from "../openapi.ts";
import { problem, problemResponse } from "../problem.ts";
import { version } from "../version.ts";

export const infoRoutes = new Hono<AppEnv>()
  .get("/presets", (c) => c.json({ presets: Object.values(presets) }, 200))
  .get("/presets/:name", (c) => {
    const name = c.req.param("name");
    const preset = Object.hasOwn(presets, name) ? presets[name] : undefined;
    if (!preset) return problemResponse(c, problem(404, "there is no preset with this name"));
    return c.json(preset, 200);
  })
  .get("/health", (c) =>
    c.json(
      {
        ok: true as const,
        version,
        limits: limitsFrom(c.env),
        modelTtlDays: modelTtlSeconds(c.env) / 86_400,
      },
      200,
    ),
  )
  .get("/openapi.json", (c) => c.body(openApiJson(), 200, { "Content-Type": "application/json" }));
