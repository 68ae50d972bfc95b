// Jobs: a run too big for one request, accepted here and trained by the TrainingJob Workflow as a
// chain of slices. Only the holder of a job's token may read or cancel it.
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { validator } from "hono/validator";
import * as v from "valibot";
import {
  type ContinueJob,
  ContinueJobSchema,
  continuedRequest,
  type JobAccepted,
  jobLimitsFor,
  planJob,
  type ResolvedTrainRequest,
  type TrainRequest,
  TrainRequestSchema,
  tableMediaTypes,
} from "../../shared/index.ts";
import type { AppEnv } from "../app-env.ts";
import { bearerToken, missingToken, tokenMatches } from "../bearer.ts";
import { limitBody, mediaTypes } from "../guards.ts";
import { idPattern, randomJobId, randomToken, sha256 } from "../ids.ts";
import { toApiIssues } from "../issues.ts";
import { type JobRecord, loadJob, saveJob } from "../job-store.ts";
import { isFinished, type JobView, jobView } from "../job-view.ts";
import { limitsFrom, modelTtlSeconds, positiveInteger } from "../limits.ts";
import { findParent } from "../parent-model.ts";
import { invalidRequest, problem, problemResponse, problemTypes } from "../problem.ts";
import { rateLimited } from "../rate-limit.ts";
import { removeModel, StorageError } from "../store.ts";
import type { JobParams, JobStart } from "../training-job.ts";
import { csvAsJson } from "./train.ts";

type AppContext = Context<AppEnv>;

type JobBody =
  | { kind: "request"; request: ResolvedTrainRequest }
  | ({ kind: "from" } & ContinueJob);

const isFromBody = (value: unknown) =>
  typeof value === "object" && value !== null && Object.hasOwn(value, "from");

// The same bodies as /api/train (without `persist`: a job always stores its model), or
// `{ from, epochs }` to continue a stored model.
const jobBody = validator("json", (value, c) => {
  if (isFromBody(value)) {
    const parsed = v.safeParse(ContinueJobSchema, value);
    return parsed.success
      ? ({ kind: "from", ...parsed.output } as JobBody)
      : invalidRequest(c, toApiIssues(parsed.issues));
  }
  const parsed = v.safeParse(TrainRequestSchema, value);
  return parsed.success
    ? ({ kind: "request", request: parsed.output } as JobBody)
    : invalidRequest(c, toApiIssues(parsed.issues));
}) as unknown as MiddlewareHandler<
  AppEnv,
  string,
  { in: { json: TrainRequest | ContinueJob }; out: { json: JobBody } }
>;

const notFound = (c: AppContext) =>
  problemResponse(c, problem(404, "there is no job with this id"));

/** The job under the route's id when the request carries its token; else the 401/403/404. */
async function ownJob(c: AppContext): Promise<{ job: JobRecord } | { refused: Response }> {
  const token = bearerToken(c);
  if (!token) return { refused: missingToken(c, "job's token") };
  const id = c.req.param("id") ?? "";
  const job = idPattern.test(id) ? await loadJob(c.env.MODELS, id) : null;
  if (!job) return { refused: notFound(c) };
  if (!(await tokenMatches(token, job.deleteTokenHash))) {
    return { refused: problemResponse(c, problem(403, "this token does not belong to this job")) };
  }
  return { job };
}

/** While a job runs, when to ask again: about a slice's time, at least 1 s, at most 5 s. */
function retryAfter(view: JobView): string {
  const perSlice = view.seconds / Math.max(1, view.slices);
  return String(Math.min(5, Math.max(1, Math.ceil(perSlice))));
}

const jobCostMultiple = (env: Env) => positiveInteger(env.MAX_JOB_COST_MULTIPLE);

export const jobRoutes = new Hono<AppEnv>()
  .post(
    "/jobs",
    limitBody,
    mediaTypes("application/json", ...Object.keys(tableMediaTypes)),
    csvAsJson,
    jobBody,
    async (c) => {
      const body = c.req.valid("json");
      const limits = limitsFrom(c.env);
      let start: JobStart;
      let request: ResolvedTrainRequest;
      let startEpoch = 0;
      if (body.kind === "from") {
        const found = await findParent(c, body.from, "from");
        if ("refused" in found) return found.refused;
        const { parent } = found;
        start = {
          kind: "model",
          parent: parent.stored.id,
          model: parent.model,
          state: parent.state,
        };
        request = continuedRequest(parent.model.request, body.epochs);
        startEpoch = parent.stored.result.epochs;
      } else {
        start = { kind: "request", request: body.request };
        request = body.request;
      }
      const plan = planJob(
        request,
        limits,
        jobLimitsFor(limits, jobCostMultiple(c.env)),
        startEpoch,
      );
      const limited = await rateLimited(c, "jobs");
      if (limited) return limited;

      const id = randomJobId();
      const deleteToken = randomToken();
      const deleteTokenHash = await sha256(deleteToken);
      const record: JobRecord = {
        id,
        deleteTokenHash,
        epochs: plan.epochs,
        startEpoch,
        slices: plan.slices,
        epochsPerSlice: plan.epochsPerSlice,
        cost: plan.cost,
        seconds: plan.seconds,
        createdAt: new Date().toISOString(),
        ...(start.kind === "model" ? { parent: start.parent } : {}),
      };
      await saveJob(c.env.MODELS, record, modelTtlSeconds(c.env));
      const params: JobParams = {
        id,
        deleteTokenHash,
        start,
        epochs: plan.epochs,
        epochsPerSlice: plan.epochsPerSlice,
        slices: plan.slices,
        startEpoch,
      };
      try {
        await c.env.JOBS.create({ id, params });
      } catch (error) {
        throw new StorageError("workflow create", error);
      }
      c.header("Location", `/api/jobs/${id}`);
      const accepted: JobAccepted = {
        id,
        status: "queued",
        cost: plan.cost,
        slices: plan.slices,
        epochs: plan.epochs,
        epochsPerSlice: plan.epochsPerSlice,
        steps: plan.steps,
        seconds: plan.seconds,
        deleteToken,
      };
      return c.json(accepted, 202);
    },
  )
  .get("/jobs/:id", async (c) => {
    const owned = await ownJob(c);
    if ("refused" in owned) return owned.refused;
    const view = await jobView(c.env, owned.job);
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (!isFinished(view.status)) headers["Retry-After"] = retryAfter(view);
    return c.json(view, 200, headers);
  })
  .get("/jobs/:id/events", async (c) => {
    const owned = await ownJob(c);
    if ("refused" in owned) return owned.refused;
    const { job } = owned;
    const env = c.env;
    const encoder = new TextEncoder();
    const stream = new TransformStream<Uint8Array, Uint8Array>();
    const writer = stream.writable.getWriter();
    const send = (event: string, data: unknown) =>
      writer.write(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    // Polls the job's records once a second and sends each change, then the end; stops when the
    // client goes away (a write fails).
    const pump = async () => {
      let sent = "";
      try {
        await writer.write(encoder.encode("retry: 2000\n\n"));
        for (;;) {
          const view = await jobView(env, (await loadJob(env.MODELS, job.id)) ?? job);
          const text = JSON.stringify(view);
          if (text !== sent) {
            sent = text;
            await send(isFinished(view.status) ? view.status : "progress", view);
          }
          if (isFinished(view.status)) break;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        await writer.close();
      } catch {
        await writer.abort().catch(() => undefined);
      }
    };
    c.executionCtx.waitUntil(pump());
    return c.body(stream.readable, 200, {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-store",
    });
  })
  .delete("/jobs/:id", async (c) => {
    const owned = await ownJob(c);
    if ("refused" in owned) return owned.refused;
    const { job } = owned;
    const view = await jobView(c.env, job);
    if (view.status === "cancelled") return c.body(null, 204);
    if (view.status === "complete" || view.status === "failed") {
      return problemResponse(
        c,
        problem(
          409,
          view.status === "complete"
            ? "the job is complete; delete its model with DELETE /api/models/{id} and the same token"
            : "the job has failed; there is nothing to cancel",
          { type: problemTypes.http },
        ),
      );
    }
    // Marked first: the job's last step reads the mark and stores nothing. Then the engine stops
    // it, and a model that a last step wrote in the meantime goes too.
    await saveJob(
      c.env.MODELS,
      { ...job, cancelledAt: new Date().toISOString() },
      modelTtlSeconds(c.env),
    );
    try {
      await (await c.env.JOBS.get(job.id)).terminate();
    } catch {
      // Already ended between the status read and now: the mark and the delete below still hold.
    }
    await removeModel(c.env.MODELS, job.id);
    return c.body(null, 204);
  });
