// A stored model: read it, predict with it, delete it. Each request reads KV at most once.
import { type Context, Hono } from "hono";
import { type Model, PredictRequestSchema, predict } from "../../shared/index.ts";
import type { AppEnv } from "../app-env.ts";
import { limitBody, mediaTypes } from "../guards.ts";
import { idPattern, sameDigest, sha256 } from "../ids.ts";
import { PredictQuerySchema } from "../predict-query.ts";
import { type FieldIssue, invalidRequest, problem, problemResponse } from "../problem.ts";
import { loadModel, loadModelCached, removeModel } from "../store.ts";
import { validate } from "../validate.ts";

type AppContext = Context<AppEnv>;

const notFound = (c: AppContext) =>
  problemResponse(c, problem(404, "there is no model with this id"));

/**
 * The model under the route's id, or null (a malformed id is never looked up). Reads may come
 * from the isolate's cache; DELETE asks KV itself, since it acts on the model as stored now.
 */
async function find(c: AppContext, id: string, from: "cache" | "kv" = "cache") {
  if (!idPattern.test(id)) return null;
  return from === "cache" ? loadModelCached(c.env.MODELS, id) : loadModel(c.env.MODELS, id);
}

const inputWidth = (model: Model) => model.layers[0]?.weights.length ?? 0;

/** Rows of the wrong width, as field issues under `inputs`. */
function widthIssues(model: Model, inputs: number[][]): FieldIssue[] {
  const width = inputWidth(model);
  return inputs.flatMap((row, index) =>
    row.length === width
      ? []
      : [
          {
            path: `inputs.${index}`,
            message: `row ${index} has ${row.length} inputs, the model takes ${width}`,
          },
        ],
  );
}

async function answerPrediction(c: AppContext, id: string, inputs: number[][]) {
  const found = await find(c, id);
  if (!found) return notFound(c);
  const issues = widthIssues(found.stored.model, inputs);
  if (issues.length > 0) return invalidRequest(c, issues);
  return c.json({ outputs: predict(found.stored.model, inputs) }, 200);
}

export const modelRoutes = new Hono<AppEnv>()
  .get("/models/:id", async (c) => {
    const id = c.req.param("id");
    const found = await find(c, id);
    if (!found) return notFound(c);
    const { stored } = found;
    // A stored model never changes: cache it until it expires.
    const maxAge = Math.max(0, Math.floor((Date.parse(stored.expiresAt) - Date.now()) / 1000));
    const headers = {
      ETag: `"${stored.id}"`,
      "Cache-Control": `public, max-age=${maxAge}, immutable`,
    };
    const ifNoneMatch = c.req.header("If-None-Match") ?? "";
    if (
      ifNoneMatch
        .split(",")
        .some((tag) => tag.trim().replace(/^W\//, "") === headers.ETag || tag.trim() === "*")
    ) {
      return c.body(null, 304, headers);
    }
    return c.json(stored, 200, headers);
  })
  .post(
    "/models/:id/predict",
    limitBody,
    mediaTypes("application/json"),
    validate("json", PredictRequestSchema),
    async (c) => answerPrediction(c, c.req.param("id"), c.req.valid("json").inputs),
  )
  .get("/models/:id/predict", validate("query", PredictQuerySchema), async (c) =>
    answerPrediction(c, c.req.param("id"), c.req.valid("query").inputs),
  )
  .delete("/models/:id", async (c) => {
    const authorization = c.req.header("Authorization") ?? "";
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (!token) {
      return problemResponse(
        c,
        problem(401, "send the model's delete token as Authorization: Bearer <deleteToken>"),
        { "WWW-Authenticate": 'Bearer realm="backprop-edge"' },
      );
    }
    const id = c.req.param("id");
    const found = await find(c, id, "kv");
    if (!found) return notFound(c);
    if (!sameDigest(await sha256(token), found.deleteTokenHash)) {
      return problemResponse(c, problem(403, "this token does not delete this model"));
    }
    await removeModel(c.env.MODELS, id);
    return c.body(null, 204);
  });
