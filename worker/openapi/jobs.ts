// /api/jobs in the document.
import { empty, errors, headers, json, type Parameter, type Paths, problem, ref } from "./parts.ts";

const jobId: Parameter = {
  name: "id",
  in: "path",
  required: true,
  description: "The job's id, as POST /api/jobs answered it (its model is stored under it)",
  schema: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$" },
};

const tokenErrors = {
  401: problem("No Bearer token was sent", {
    "WWW-Authenticate": {
      description: "Bearer, with the realm",
      required: true,
      schema: { type: "string" },
    },
  }),
  403: problem("This token does not belong to this job"),
  404: problem("There is no job with this id (or it expired)"),
};

export const jobPaths = {
  "/api/jobs": {
    post: {
      operationId: "startJob",
      summary: "Start a training job",
      description:
        "Runs a training too big for one request as a Cloudflare Workflow: a chain of steps, " +
        "each a slice of the epochs resumed from the one before, priced within the per-request " +
        "budget. The body is what POST /api/train takes (JSON, or CSV or tab-separated values with the settings in the " +
        'query), or `{ "from": id, "epochs": N }` to continue a stored model. The whole run ' +
        "is priced first and refused over the job budget, the Workflow step limit or the step " +
        "result limit (the 422 names which). When it completes, its model is stored under the " +
        "job's id and equals one uncapped run bit for bit. Rate limited per client address.",
      tags: ["Jobs"],
      security: [],
      requestBody: {
        required: true,
        description: "A training request, or a stored model and the epochs to add",
        content: {
          "application/json": { schema: ref("JobBody") },
          "text/csv": {
            schema: {
              type: "string",
              description: "As for POST /api/train: settings in the query",
            },
          },
          "text/tab-separated-values": {
            schema: {
              type: "string",
              description: "As for POST /api/train: settings in the query",
            },
          },
        },
      },
      responses: {
        202: json("Accepted; Location is the job's URL", "JobAccepted", {
          Location: { description: "/api/jobs/{id}", required: true, schema: { type: "string" } },
        }),
        400: errors[400],
        404: problem("`from` names no stored model (or it expired, or was deleted)"),
        405: errors[405],
        409: problem("`from` names a model that cannot go on exactly (see POST .../train)"),
        413: errors[413],
        415: errors[415],
        422: problem(
          "Over a limit: a per-request one other than the cost, or the job's own (maxJobCost, " +
            "maxSteps, maxStepResultBytes, maxSliceCost), named with its figures",
        ),
        429: problem("Too many jobs from this address", { "Retry-After": headers.retryAfter }),
        503: errors[503],
      },
    },
  },
  "/api/jobs/{id}": {
    parameters: [jobId],
    get: {
      operationId: "getJob",
      summary: "A job's status and progress",
      description:
        "Status (queued, running, complete, failed, cancelled), epochs and slices done, the " +
        "loss and its history so far, and when complete the model's links. While the job runs " +
        "the answer carries Retry-After: poll no sooner. Needs the job's token.",
      tags: ["Jobs"],
      security: [{ deleteToken: [] }],
      responses: {
        200: json("The job", "Job", {
          "Retry-After": {
            description: "While queued or running: seconds until the next look is worth it",
            schema: { type: "integer", minimum: 1 },
          },
        }),
        ...tokenErrors,
        405: errors[405],
        503: errors[503],
      },
    },
    delete: {
      operationId: "cancelJob",
      summary: "Cancel a job",
      description:
        "Stops a queued or running job; it stores nothing. Cancelling a cancelled job is no " +
        "error. Needs the job's token.",
      tags: ["Jobs"],
      security: [{ deleteToken: [] }],
      responses: {
        204: empty("Cancelled"),
        ...tokenErrors,
        405: errors[405],
        409: problem("The job has already completed (delete its model instead) or failed"),
        503: errors[503],
      },
    },
  },
  "/api/jobs/{id}/events": {
    parameters: [jobId],
    get: {
      operationId: "followJob",
      summary: "Follow a job as server-sent events",
      description:
        "A text/event-stream: a `progress` event (the job, as GET /api/jobs/{id} answers it) " +
        "each time it changes, then one `complete`, `failed` or `cancelled` event, and the " +
        "stream ends. `curl -N` follows a job without a loop. Needs the job's token.",
      tags: ["Jobs"],
      security: [{ deleteToken: [] }],
      responses: {
        200: {
          description: "The events, until the job ends",
          content: {
            "text/event-stream": {
              schema: {
                type: "string",
                description: "`event: progress|complete|failed|cancelled` and `data: <Job>`",
              },
            },
          },
        },
        ...tokenErrors,
        405: errors[405],
        503: errors[503],
      },
    },
  },
} satisfies Paths;
