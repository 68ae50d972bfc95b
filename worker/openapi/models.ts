// /api/models/{id} and its predict in the document.
import { empty, errors, json, modelId, type Paths, problem, ref } from "./parts.ts";

const notFound = problem("There is no model with this id (or it expired, or was deleted)");
const predicted = json("One row of outputs per input row", "PredictResponse");

export const modelPaths = {
  "/api/models/{id}": {
    parameters: [modelId],
    get: {
      operationId: "getModel",
      summary: "Read a stored model",
      description:
        "The model's weights and the result of the run that trained it. A stored model never " +
        "changes, so the answer may be cached until it expires; If-None-Match with its ETag " +
        "answers 304.",
      tags: ["Models"],
      security: [],
      responses: {
        200: json("The model and its training result", "StoredModel", {
          ETag: {
            description: "The model's id, quoted",
            required: true,
            schema: { type: "string" },
          },
          "Cache-Control": {
            description: "public, immutable, until the model expires",
            required: true,
            schema: { type: "string" },
          },
        }),
        304: empty("Not modified: If-None-Match named its ETag"),
        404: notFound,
        405: errors[405],
        503: errors[503],
      },
    },
    delete: {
      operationId: "deleteModel",
      summary: "Delete a stored model",
      description:
        "Deletes the model for good. Needs the delete token that POST /api/train answered with, " +
        "as `Authorization: Bearer <deleteToken>`.",
      tags: ["Models"],
      security: [{ deleteToken: [] }],
      responses: {
        204: empty("Deleted"),
        401: problem("No Bearer token was sent", {
          "WWW-Authenticate": {
            description: "Bearer, with the realm",
            required: true,
            schema: { type: "string" },
          },
        }),
        403: problem("This token does not delete this model"),
        404: notFound,
        405: errors[405],
        503: errors[503],
      },
    },
  },
  "/api/models/{id}/predict": {
    parameters: [modelId],
    get: {
      operationId: "predictByQuery",
      summary: "Predict rows given in the query",
      description:
        "The model's outputs for each row, given as `?x=1,0,0&x=0,1,1`: one `x` per row, its " +
        "numbers separated by commas, as many as the model has inputs.",
      tags: ["Models"],
      security: [],
      parameters: [
        {
          name: "x",
          in: "query",
          required: true,
          description: "One input row, numbers separated by commas; repeat it for more rows",
          schema: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 256 },
          style: "form",
          explode: true,
        },
      ],
      responses: {
        200: predicted,
        400: errors[400],
        404: notFound,
        405: errors[405],
        503: errors[503],
      },
    },
    post: {
      operationId: "predict",
      summary: "Predict rows given as JSON",
      description: "The model's outputs for each row of `inputs` (at most 256 rows).",
      tags: ["Models"],
      security: [],
      requestBody: {
        required: true,
        description: "The rows to predict",
        content: { "application/json": { schema: ref("PredictRequest") } },
      },
      responses: {
        200: predicted,
        400: errors[400],
        404: notFound,
        405: errors[405],
        413: errors[413],
        415: errors[415],
        503: errors[503],
      },
    },
  },
} satisfies Paths;
