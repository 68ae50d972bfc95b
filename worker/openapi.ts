// The OpenAPI 3.1 document, generated from the same valibot schemas the routes validate with.
import { type JsonSchema, toJsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";
import {
  csvQueryDefaults,
  exportFormats,
  formatFacts,
  ModelSchema,
  PredictRequestSchema,
  TrainRequestSchema,
  TrainResultSchema,
} from "../shared/index.ts";
import { maxBodyBytes } from "./guards.ts";
import { version } from "./version.ts";

// Cross-field rules (rawCheck) and the default-filling transform have no JSON Schema form; the
// API still enforces them and lists their failures as issues.
const json = (schema: v.GenericSchema, typeMode: "input" | "output") =>
  toJsonSchema(schema, { target: "draft-2020-12", typeMode, errorMode: "ignore" });

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemContent = { "application/problem+json": { schema: ref("Problem") } };
const jsonContent = (name: string) => ({ "application/json": { schema: ref(name) } });
const problemResponse = (description: string) => ({ description, content: problemContent });
const errors = {
  400: problemResponse("Malformed JSON, wrong types, ragged or empty tables, non-finite numbers"),
  404: problemResponse("No such model, preset or route"),
  405: {
    ...problemResponse("Method not allowed"),
    headers: { Allow: { schema: { type: "string" }, description: "The methods this path takes" } },
  },
};
const bodyErrors = {
  413: problemResponse(`Body over ${maxBodyBytes} bytes`),
  415: problemResponse("Unsupported content type"),
};
const idParameter = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$" },
};
const retryAfter = { "Retry-After": { schema: { type: "integer" }, description: "Seconds" } };

function schemas(): Record<string, JsonSchema> {
  const trainRequest = json(TrainRequestSchema, "input");
  const { $schema: _schema, ...trainBody } = trainRequest;
  const result = json(TrainResultSchema, "output");
  const { $schema: _resultSchema, ...runResult } = result;
  const runProperties = { ...(runResult.properties ?? {}) };
  delete runProperties.model;
  const stored = {
    type: "object",
    required: ["id", "model", "result", "createdAt", "expiresAt"],
    properties: {
      id: { type: "string" },
      model: ref("Model"),
      result: ref("RunResult"),
      createdAt: { type: "string", format: "date-time" },
      expiresAt: { type: "string", format: "date-time" },
    },
  } satisfies JsonSchema;
  return {
    TrainRequest: trainRequest,
    TrainBody: {
      ...trainBody,
      properties: {
        ...(trainBody.properties ?? {}),
        persist: {
          type: "boolean",
          default: true,
          description: "false: train, answer 200, store nothing",
        },
      },
    },
    PredictRequest: json(PredictRequestSchema, "input"),
    PredictResponse: {
      type: "object",
      required: ["outputs"],
      properties: {
        outputs: { type: "array", items: { type: "array", items: { type: "number" } } },
      },
    },
    Model: json(ModelSchema, "output"),
    RunResult: {
      ...runResult,
      properties: runProperties,
      required: (runResult.required ?? []).filter((key) => key !== "model"),
    },
    StoredModel: stored,
    CreatedModel: {
      ...stored,
      required: [...stored.required, "deleteToken"],
      properties: {
        ...stored.properties,
        deleteToken: { type: "string", description: "Shown once; DELETE needs it" },
      },
    },
    UnstoredModel: {
      type: "object",
      required: ["model", "result"],
      properties: { model: ref("Model"), result: ref("RunResult") },
    },
    Preset: {
      type: "object",
      required: ["name", "title", "description", "request"],
      properties: {
        name: { type: "string" },
        title: { type: "string" },
        description: { type: "string" },
        request: ref("TrainRequest"),
      },
    },
    Health: {
      type: "object",
      required: ["ok", "version", "limits", "modelTtlDays"],
      properties: {
        ok: { const: true },
        version: { type: "string" },
        limits: {
          type: "object",
          additionalProperties: { type: "number" },
          description:
            "maxRows, maxInputs, maxOutputs, maxHiddenLayers, maxUnits, maxEpochs, maxCost",
        },
        modelTtlDays: { type: "number" },
      },
    },
    Problem: {
      type: "object",
      description: "RFC 9457 problem details",
      required: ["type", "title", "status", "detail"],
      properties: {
        type: { type: "string" },
        title: { type: "string" },
        status: { type: "integer" },
        detail: { type: "string" },
        issues: {
          type: "array",
          items: {
            type: "object",
            required: ["path", "message"],
            properties: { path: { type: "string" }, message: { type: "string" } },
          },
        },
        limit: { type: "string" },
        figure: { type: "number" },
        allowed: { type: "number" },
        path: { type: "string" },
        formats: {
          type: "array",
          items: { type: "string" },
          description: "For an unknown export format: the formats there are",
        },
      },
    },
  };
}

const csvParameter = (name: string, fallback?: string) => ({
  name,
  in: "query",
  required: false,
  schema: fallback === undefined ? { type: "string" } : { type: "string", default: fallback },
  description: "For a text/csv body only",
});
const csvParameters = [
  ...Object.entries(csvQueryDefaults).map(([name, fallback]) => csvParameter(name, fallback)),
  ...["loss", "optimizer", "init", "batch", "momentum", "name", "persist"].map((name) =>
    csvParameter(name),
  ),
];

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "backprop-edge",
      version,
      description: "Train a small neural network on a truth table at the edge, keep it, use it.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    paths: {
      "/api/train": {
        post: {
          summary: "Train a network",
          parameters: csvParameters,
          requestBody: {
            required: true,
            content: {
              ...jsonContent("TrainBody"),
              "text/csv": {
                schema: {
                  type: "string",
                  description: "Header row, then rows; last `outputs` columns are targets",
                },
              },
            },
          },
          responses: {
            201: {
              description: "Trained and stored",
              headers: { Location: { schema: { type: "string" } } },
              content: jsonContent("CreatedModel"),
            },
            200: {
              description: "Trained, not stored (persist: false)",
              content: jsonContent("UnstoredModel"),
            },
            ...errors,
            ...bodyErrors,
            422: problemResponse(
              "Over a limit: names the figure and the limit, and lists the field as an issue",
            ),
            429: { ...problemResponse("Rate limited"), headers: retryAfter },
            503: { ...problemResponse("Storage failed; nothing was stored"), headers: retryAfter },
          },
        },
      },
      "/api/models/{id}": {
        parameters: [idParameter],
        get: {
          summary: "A stored model and its training result",
          responses: {
            200: {
              description: "The model",
              headers: {
                ETag: { schema: { type: "string" } },
                "Cache-Control": { schema: { type: "string" } },
              },
              content: jsonContent("StoredModel"),
            },
            304: { description: "Not modified (If-None-Match)" },
            ...errors,
            503: { ...problemResponse("Storage failed"), headers: retryAfter },
          },
        },
        delete: {
          summary: "Delete a model with its delete token",
          security: [{ deleteToken: [] }],
          responses: {
            204: { description: "Deleted" },
            401: problemResponse("No token"),
            403: problemResponse("Wrong token"),
            ...errors,
            503: { ...problemResponse("Storage failed"), headers: retryAfter },
          },
        },
      },
      "/api/models/{id}/predict": {
        parameters: [idParameter],
        get: {
          summary: "Predict rows given as ?x=1,0,0&x=0,1,1",
          parameters: [
            {
              name: "x",
              in: "query",
              required: true,
              schema: { type: "array", items: { type: "string" } },
              style: "form",
              explode: true,
            },
          ],
          responses: {
            200: {
              description: "One output row per input row",
              content: jsonContent("PredictResponse"),
            },
            ...errors,
            503: { ...problemResponse("Storage failed"), headers: retryAfter },
          },
        },
        post: {
          summary: "Predict rows given as JSON",
          requestBody: { required: true, content: jsonContent("PredictRequest") },
          responses: {
            200: {
              description: "One output row per input row",
              content: jsonContent("PredictResponse"),
            },
            ...errors,
            ...bodyErrors,
            503: { ...problemResponse("Storage failed"), headers: retryAfter },
          },
        },
      },
      "/api/models/{id}/export/{format}": {
        parameters: [
          idParameter,
          {
            name: "format",
            in: "path",
            required: true,
            schema: { type: "string", enum: [...exportFormats] },
            description: Object.entries(formatFacts)
              .map(([format, facts]) => `${format}: ${facts.title} (${facts.extension})`)
              .join("; "),
          },
        ],
        get: {
          summary:
            "The model as a file: ONNX, a JavaScript module, a Python function or a C header",
          responses: {
            200: {
              description:
                "The file, as an attachment named after the model; it never changes (ETag, immutable)",
              headers: {
                ETag: { schema: { type: "string" } },
                "Cache-Control": { schema: { type: "string" } },
                "Content-Disposition": { schema: { type: "string" } },
              },
              content: Object.fromEntries(
                exportFormats.map((format) => [
                  formatFacts[format].mediaType.split(";")[0],
                  {
                    schema:
                      format === "onnx"
                        ? { type: "string", contentEncoding: "binary" }
                        : { type: "string" },
                  },
                ]),
              ),
            },
            304: { description: "Not modified (If-None-Match)" },
            404: problemResponse("No such model, or no such format (the answer lists the formats)"),
            405: errors[405],
            503: { ...problemResponse("Storage failed"), headers: retryAfter },
          },
        },
      },
      "/api/presets": {
        get: {
          summary: "Named truth tables with a network that learns them",
          responses: {
            200: {
              description: "All presets",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { presets: { type: "array", items: ref("Preset") } },
                  },
                },
              },
            },
            405: errors[405],
          },
        },
      },
      "/api/presets/{name}": {
        parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" } }],
        get: {
          summary: "One preset",
          responses: {
            200: { description: "The preset", content: jsonContent("Preset") },
            404: errors[404],
            405: errors[405],
          },
        },
      },
      "/api/health": {
        get: {
          summary: "Liveness, version and the limits in force",
          responses: {
            200: { description: "Up", content: jsonContent("Health") },
            405: errors[405],
          },
        },
      },
      "/api/openapi.json": {
        get: {
          summary: "This document",
          responses: { 200: { description: "OpenAPI 3.1" }, 405: errors[405] },
        },
      },
    },
    components: {
      schemas: schemas(),
      securitySchemes: { deleteToken: { type: "http", scheme: "bearer" } },
    },
  };
}
