// The Hono app: headers, method checks and error mapping around thin routes.
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { methodNotAllowed } from "hono/method-not-allowed";
import { JobLimitError, LimitError, RequestError, StoppedRunError } from "../shared/index.ts";
import type { AppEnv } from "./app-env.ts";
import { apiCors, securityHeaders } from "./headers.ts";
import { clipIssues, invalidRequest, problem, problemResponse, problemTypes } from "./problem.ts";
import { requestLog } from "./request-log.ts";
import { continueRoutes } from "./routes/continue.ts";
import { exportRoutes } from "./routes/export.ts";
import { infoRoutes } from "./routes/info.ts";
import { jobRoutes } from "./routes/jobs.ts";
import { modelRoutes } from "./routes/models.ts";
import { trainRoutes } from "./routes/train.ts";
import { StorageError } from "./store.ts";

const app = new Hono<AppEnv>();

// Outermost, so that it sees each answer as sent, error answers included.
app.use("*", requestLog);
app.use("*", securityHeaders);
app.use("/api/*", apiCors);
app.use(
  methodNotAllowed({
    app,
    onMethodNotAllowed: (c, methods) =>
      problemResponse(c, problem(405, `${c.req.method} is not allowed here`), {
        Allow: methods.join(", "),
      }),
  }),
);

const routes = app
  .route("/api", trainRoutes)
  .route("/api", modelRoutes)
  .route("/api", continueRoutes)
  .route("/api", jobRoutes)
  .route("/api", exportRoutes)
  .route("/api", infoRoutes);

app.notFound((c) => {
  if (c.req.path === "/api" || c.req.path.startsWith("/api/")) {
    return problemResponse(c, problem(404, "no such API route; see /api/openapi.json"));
  }
  // Only reached when assets did not answer first (e.g. in tests): let them answer.
  return c.env.ASSETS.fetch(c.req.raw);
});

app.onError((error, c) => {
  if (error instanceof RequestError) return invalidRequest(c, error.issues);
  if (error instanceof LimitError) {
    return problemResponse(
      c,
      problem(422, `${error.message} (the ${error.limit} limit)`, {
        type: problemTypes.overLimit,
        limit: error.limit,
        figure: error.figure,
        allowed: error.allowed,
        path: error.path,
        // The same field list a 400 has, so a client shows both at the field they name.
        issues: clipIssues([{ path: error.path, message: error.message }]),
      }),
    );
  }
  if (error instanceof StoppedRunError) {
    // Routes check this first (parent-model.ts); the core's own refusal answers the same.
    return problemResponse(c, problem(409, error.message));
  }
  if (error instanceof JobLimitError) {
    return problemResponse(
      c,
      problem(422, `${error.message} (the job's ${error.limit} limit)`, {
        type: problemTypes.overLimit,
        limit: error.limit,
        figure: error.figure,
        allowed: error.allowed,
        path: "",
        issues: clipIssues([{ path: "", message: error.message }]),
      }),
    );
  }
  if (error instanceof StorageError) {
    return problemResponse(
      c,
      problem(503, "model storage is unavailable; nothing was stored, try again shortly", {
        type: problemTypes.storage,
      }),
      { "Retry-After": "30" },
    );
  }
  if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
    // Hono's own refusals, e.g. "Malformed JSON in request body".
    return problemResponse(c, problem(error.status as 400, error.message || "bad request"));
  }
  // request-log.ts logs it, without its message (which may quote the input).
  return problemResponse(c, problem(500, "an unexpected error; it has been logged"));
});

export { app };
export type AppType = typeof routes;
