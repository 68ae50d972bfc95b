// POST /api/models/{id}/train: N more epochs from a stored model, exactly where its run stopped,
// stored as a new model (stored models never change) whose `parent` is the one it went on from.
import { Hono, type MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import {
  type ContinueRequest,
  ContinueRequestSchema,
  checkLimits,
  continuedRequest,
  LimitError,
  resume,
} from "../../shared/index.ts";
import type { AppEnv } from "../app-env.ts";
import { limitBody, mediaTypeOf } from "../guards.ts";
import { toApiIssues } from "../issues.ts";
import { limitsFrom } from "../limits.ts";
import { storeNewModel } from "../new-model.ts";
import { findParent } from "../parent-model.ts";
import {
  type FieldIssue,
  invalidRequest,
  problem,
  problemResponse,
  problemTypes,
} from "../problem.ts";
import { rateLimited } from "../rate-limit.ts";

type Parsed = { epochs: number; persist: boolean };
type ContinueEnv = AppEnv & { Variables: { continued: Parsed } };

/**
 * The body as JSON, or (for curl) an empty body with `?epochs=N&persist=false`. Both go through
 * the one shared schema.
 */
const continueBody = createMiddleware<ContinueEnv>(async (c, next) => {
  const text = await c.req.text();
  let body: unknown;
  if (text.trim() === "") {
    const query = c.req.query();
    const issues: FieldIssue[] = Object.keys(query)
      .filter((key) => key !== "epochs" && key !== "persist")
      .map((key) => ({ path: `query.${key}`, message: "unknown query parameter" }));
    if (issues.length > 0) return invalidRequest(c, issues);
    body = {
      ...(query.epochs !== undefined ? { epochs: Number(query.epochs) } : {}),
      ...(query.persist !== undefined
        ? {
            persist: query.persist === "false" ? false : query.persist === "true" || query.persist,
          }
        : {}),
    };
  } else {
    if (mediaTypeOf(c) !== "application/json") {
      return problemResponse(c, problem(415, "send the body as application/json"), {
        "Accept-Post": "application/json",
      });
    }
    try {
      body = JSON.parse(text);
    } catch {
      return problemResponse(c, problem(400, "the body is not valid JSON"));
    }
  }
  const parsed = v.safeParse(ContinueRequestSchema, body);
  if (!parsed.success) return invalidRequest(c, toApiIssues(parsed.issues));
  c.set("continued", parsed.output);
  await next();
}) as unknown as MiddlewareHandler<ContinueEnv, string, { in: { json: ContinueRequest } }>;

export const continueRoutes = new Hono<ContinueEnv>().post(
  "/models/:id/train",
  limitBody,
  continueBody,
  async (c) => {
    const { epochs, persist } = c.get("continued");
    const parentId = c.req.param("id");
    const found = await findParent(c, parentId);
    if ("refused" in found) return found.refused;
    const { parent } = found;
    const limits = limitsFrom(c.env);
    try {
      checkLimits(continuedRequest(parent.model.request, epochs), limits);
    } catch (error) {
      if (!(error instanceof LimitError) || error.limit !== "maxCost") throw error;
      return problemResponse(
        c,
        problem(
          422,
          `${error.message} (the maxCost limit): too big for one request; POST /api/jobs with {"from": this model's id, "epochs": the same} runs it as a job`,
          {
            type: problemTypes.overLimit,
            limit: error.limit,
            figure: error.figure,
            allowed: error.allowed,
            path: "epochs",
            issues: [{ path: "epochs", message: error.message }],
            jobs: "/api/jobs",
          },
        ),
      );
    }
    const limited = await rateLimited(c);
    if (limited) return limited;
    const { model, ...result } = resume(parent.model, parent.state, epochs, limits);
    c.set("run", { cost: result.cost, epochs: result.epochs, stoppedBy: result.stoppedBy });
    if (!persist) return c.json({ model, result, parent: parentId }, 200);

    const created = await storeNewModel(c.env, model, result, parentId);
    c.header("Location", `/api/models/${created.id}`);
    return c.json(created, 201);
  },
);
