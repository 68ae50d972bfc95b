// POST /api/models/{id}/train in the document.
import { errors, headers, json, modelId, type Paths, problem, ref } from "./parts.ts";

export const continuePaths = {
  "/api/models/{id}/train": {
    parameters: [modelId],
    post: {
      operationId: "continueTraining",
      summary: "Train a stored model N more epochs",
      description:
        "Goes on from the stored model exactly where its run stopped (weights, optimizer state, " +
        "generator) and stores the result as a new model whose `parent` is this one; the stored " +
        "model never changes. The new model equals one run of all the epochs, bit for bit. " +
        'Send `{ "epochs": N }` as JSON, or an empty body with `?epochs=N` (and `persist`). ' +
        "Priced like a run of N epochs; over the budget the 422 points at POST /api/jobs. Rate " +
        "limited per client address, as POST /api/train.",
      tags: ["Training"],
      security: [],
      parameters: [
        {
          name: "epochs",
          in: "query",
          required: false,
          description: "With an empty body only: the epochs to add",
          schema: { type: "string", pattern: "^[0-9]+$" },
        },
        {
          name: "persist",
          in: "query",
          required: false,
          description: "With an empty body only: false trains and answers, storing nothing",
          schema: { type: "string", enum: ["true", "false"] },
        },
      ],
      requestBody: {
        required: false,
        description: "The epochs to add, and whether to store the result",
        content: { "application/json": { schema: ref("ContinueRequest") } },
      },
      responses: {
        201: json("Trained further and stored; Location is the new model's URL", "CreatedModel", {
          Location: { description: "/api/models/{id}", required: true, schema: { type: "string" } },
        }),
        200: json("Trained further, not stored (persist: false)", "UnstoredModel"),
        400: errors[400],
        404: problem("There is no model with this id (or it expired, or was deleted)"),
        405: errors[405],
        409: problem(
          "The model cannot go on exactly: it was stored before models kept their training " +
            "state, or its run stopped on its target loss or diverged",
        ),
        413: errors[413],
        415: errors[415],
        422: problem(
          "Over a limit; over maxCost, `jobs` names POST /api/jobs, which runs it as a job",
        ),
        429: problem("Too many training requests from this address", {
          "Retry-After": headers.retryAfter,
        }),
        503: errors[503],
      },
    },
  },
} satisfies Paths;
