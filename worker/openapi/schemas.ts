// The document's components.schemas: generated from the valibot schemas the routes validate with
// where there is one, written here only for the API's own envelopes. Answers' schemas are closed
// (no property the code does not send), so the contract test notices a field the document lacks.
import { toJsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";
import {
  ContinueJobSchema,
  ContinueRequestSchema,
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
  | "Problem"
  | "ContinueRequest"
  | "JobBody"
  | "JobAccepted"
  | "Job";

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
    parent: {
      type: "string",
      pattern: "^[A-Za-z0-9_-]{22}$",
      description: "The model this one was trained on from, when it was (a chain walks back)",
    },
  };
  const storedRequired = ["id", "model", "result", "createdAt", "expiresAt"];
  const count = (description: string) => ({ type: "integer", minimum: 0, description });
  const jobStatus = {
    enum: ["queued", "running", "complete", "failed", "cancelled"],
    description: "queued, running, then complete, failed or cancelled",
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
    StoredModel: closed(stored, storedRequired),
    CreatedModel: closed(
      {
        ...stored,
        deleteToken: {
          type: "string",
          description: "Shown once; DELETE needs it as a Bearer token",
        },
      },
      [...storedRequired, "deleteToken"],
    ),
    UnstoredModel: closed(
      { model: ref("Model"), result: ref("RunResult"), parent: stored.parent },
      ["model", "result"],
    ),
    ContinueRequest: fromValibot(ContinueRequestSchema, "input"),
    JobBody: {
      description:
        "A training request as POST /api/train takes it (without `persist`), or a stored " +
        "model's id and the epochs to add",
      oneOf: [ref("TrainRequest"), fromValibot(ContinueJobSchema, "input")],
    },
    JobAccepted: closed({
      id: { ...stored.id, description: "The job's id; its model is stored under it" },
      status: { const: "queued" },
      cost: { type: "number", description: "The whole run's price in multiply-adds" },
      slices: count("Workflow steps that train, each a slice of the epochs"),
      epochs: count("Epochs the job trains"),
      epochsPerSlice: count("Epochs in every slice but maybe the last"),
      steps: count("Workflow steps in all: the slices, a start and a store"),
      seconds: { type: "number", description: "About how long the job takes" },
      deleteToken: {
        type: "string",
        description: "Shown once: reads, cancels, and deletes the job's model, as a Bearer token",
      },
    }),
    Job: closed(
      {
        id: stored.id,
        status: jobStatus,
        epochs: count("Epochs the job trains"),
        epochsDone: count("Epochs done so far"),
        startEpoch: count("Epochs the model had before the job (a continued model's), else 0"),
        slices: count("Slices in the plan"),
        slicesDone: count("Slices done so far"),
        cost: { type: "number", description: "The whole run's price in multiply-adds" },
        seconds: { type: "number", description: "The plan's estimate of the job's time" },
        loss: {
          type: ["number", "null"],
          description:
            "The loss after the last slice done: null before it, and while the run goes on from weights that overflow over the table (only the run's end judges them)",
        },
        history: {
          type: "array",
          description: "[epoch, loss] so far (at most 200 points)",
          items: {
            type: "array",
            prefixItems: [{ type: "number" }, { type: "number" }],
            items: { not: {} },
            minItems: 2,
          },
        },
        createdAt: dateTime("When the job was accepted"),
        startedAt: {
          type: ["string", "null"],
          format: "date-time",
          description: "When it started",
        },
        updatedAt: dateTime("When its progress last changed"),
        parent: stored.parent,
        model: { type: "string", description: "When complete: /api/models/{id}" },
        page: { type: "string", description: "When complete: the model's page, /m/{id}" },
        error: { type: "string", description: "When failed: why" },
      },
      [
        "id",
        "status",
        "epochs",
        "epochsDone",
        "startEpoch",
        "slices",
        "slicesDone",
        "cost",
        "seconds",
        "loss",
        "history",
        "createdAt",
        "startedAt",
        "updatedAt",
      ],
    ),
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
          jobs: {
            type: "string",
            description: "For a 422 over maxCost that a job can run: the route to POST it to",
          },
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
