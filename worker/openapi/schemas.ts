// The document's components.schemas: generated from the valibot schemas the routes validate with
// where there is one, written here only for the API's own envelopes. Answers' schemas are closed
// (no property the code does not send), so the contract test notices a field the document lacks.
import { toJsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";
import {
  defaultLimits,
  ModelSchema,
  PredictRequestSchema,
  TrainRequestSchema,
  TrainResultSchema,
} from "../../shared/index.ts";
import { TrainBodySchema } from "../train-body.ts";

export type JsonSchema = Record<string, unknown>;

// Cross-field rules (rawCheck) and the default-filling transform have no JSON Schema form; the
// API still enforces them and lists their failures as issues.
function fromValibot(schema: v.GenericSchema, typeMode: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...generated } = toJsonSchema(schema, {
    target: "draft-2020-12",
    typeMode,
    errorMode: "ignore",
  });
  return closeTuples(generated) as JsonSchema;
}

/**
 * A valibot tuple has exactly its items. JSON Schema says so with `items: false`; linters want
 * `items` to be a schema, so it is written as the schema nothing matches, `{ not: {} }`.
 */
function closeTuples(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeTuples);
  if (typeof node !== "object" || node === null) return node;
  const entries = Object.entries(node).map(([key, value]) => [key, closeTuples(value)]);
  const copy = Object.fromEntries(entries) as Record<string, unknown>;
  if (Array.isArray(copy.prefixItems) && copy.items === undefined) copy.items = { not: {} };
  return copy;
}

const closed = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: "object",
  required,
  properties,
  additionalProperties: false,
});

const dateTime = (description: string) => ({ type: "string", format: "date-time", description });

/** Every schema the document has; `ref` takes only these names. */
export type SchemaName =
  | "TrainRequest"
  | "TrainBody"
  | "PredictRequest"
  | "PredictResponse"
  | "Model"
  | "RunResult"
  | "StoredModel"
  | "CreatedModel"
  | "UnstoredModel"
  | "Preset"
  | "PresetList"
  | "Health"
  | "OpenApiDocument"
  | "Problem";

export function schemas(): Record<SchemaName, JsonSchema> {
  const { properties: resultProperties = {}, ...runResult } = fromValibot(
    TrainResultSchema,
    "output",
  ) as { properties?: Record<string, unknown>; required?: string[] };
  const { model: _model, ...runProperties } = resultProperties;
  const stored = {
    id: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$", description: "The model's id" },
    model: ref("Model"),
    result: ref("RunResult"),
    createdAt: dateTime("When it was trained"),
    expiresAt: dateTime("When it will be deleted"),
  };
  const problemIssues = {
    type: "array",
    maxItems: 8,
    description: "Each bad field: its dot path in the request and what is wrong with it",
    items: closed({
      path: { type: "string", description: 'The field\'s dot path, e.g. "table.inputs.1"' },
      message: { type: "string" },
    }),
  };
  return {
    TrainRequest: fromValibot(TrainRequestSchema, "input"),
    TrainBody: fromValibot(TrainBodySchema, "input"),
    PredictRequest: fromValibot(PredictRequestSchema, "input"),
    PredictResponse: closed({
      outputs: {
        type: "array",
        description: "One row of outputs per input row, in order",
        items: { type: "array", items: { type: "number" } },
      },
    }),
    Model: fromValibot(ModelSchema, "output"),
    RunResult: {
      ...runResult,
      properties: runProperties,
      required: (runResult.required ?? []).filter((key) => key !== "model"),
    },
    StoredModel: closed(stored),
    CreatedModel: closed({
      ...stored,
      deleteToken: { type: "string", description: "Shown once; DELETE needs it as a Bearer token" },
    }),
    UnstoredModel: closed({ model: ref("Model"), result: ref("RunResult") }),
    Preset: closed({
      name: { type: "string" },
      title: { type: "string" },
      description: { type: "string" },
      request: ref("TrainRequest"),
    }),
    PresetList: closed({ presets: { type: "array", items: ref("Preset") } }),
    Health: closed({
      ok: { const: true },
      version: { type: "string", description: "The running version (package.json)" },
      limits: closed(
        Object.fromEntries(Object.keys(defaultLimits).map((key) => [key, { type: "integer" }])),
      ),
      modelTtlDays: { type: "number", description: "Days a stored model is kept" },
    }),
    OpenApiDocument: {
      type: "object",
      description: "An OpenAPI 3.1 document",
      required: ["openapi", "info", "paths"],
      properties: {
        openapi: { const: "3.1.0" },
        info: { type: "object" },
        paths: { type: "object" },
      },
    },
    Problem: {
      description: "RFC 9457 problem details: every error the API gives has this shape",
      ...closed(
        {
          type: { type: "string", format: "uri-reference", description: "The kind of problem" },
          title: { type: "string" },
          status: { type: "integer", minimum: 400, maximum: 599 },
          detail: { type: "string", description: "What went wrong; never the request's values" },
          issues: problemIssues,
          limit: { type: "string", description: "For 422: the limit's name, e.g. maxCost" },
          figure: { type: "number", description: "For 422: the request's figure" },
          allowed: { type: "number", description: "For 422: the most the limit allows" },
          path: { type: "string", description: "For 422: the field the figure comes from" },
          formats: {
            type: "array",
            items: { type: "string" },
            description: "For an unknown export format: the formats there are",
          },
        },
        ["type", "title", "status", "detail"],
      ),
    },
  };
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
