// The pieces every operation of the OpenAPI document is built from. Each route file's entry is a
// `Paths` object: its type makes operationId, summary, description, tags, security and responses
// required, and these helpers keep responses, headers and errors worded the same everywhere.
// How to add a route: docs/api-document.md.
import { maxBodyBytes } from "../guards.ts";
import type { JsonSchema, SchemaName } from "./schemas.ts";

export type { JsonSchema };

/** The document's tags: every operation names one or more of these. */
export const tags = [
  { name: "Training", description: "Train a network on a truth table, and keep it or not." },
  { name: "Models", description: "A stored model: read it, predict with it, delete it." },
  {
    name: "Jobs",
    description: "Runs too big for one request, trained as a durable Workflow of slices.",
  },
  { name: "Presets", description: "Named truth tables with a network that learns each one." },
  { name: "Service", description: "The service itself: health, limits and this document." },
] as const;
export type Tag = (typeof tags)[number]["name"];

export type Header = { description: string; required?: boolean; schema: JsonSchema };
export type Content = Record<string, { schema: JsonSchema }>;
export type ResponseEntry = {
  description: string;
  headers?: Record<string, Header>;
  content?: Content;
};
export type Parameter = {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description: string;
  schema: JsonSchema;
  style?: "form" | "simple";
  explode?: boolean;
};
/** `[]`: anyone may call it; `[{ deleteToken: [] }]`: the model's delete token as a Bearer. */
export type Security = [] | [{ deleteToken: [] }];
export type Operation = {
  /** A verb a generated client reads well: trainModel, getModel, deleteModel… */
  operationId: string;
  summary: string;
  description: string;
  tags: [Tag, ...Tag[]];
  security: Security;
  parameters?: Parameter[];
  requestBody?: { required: boolean; description: string; content: Content };
  /** Every status the route answers, and no other: the contract test holds the code to it. */
  responses: Record<number, ResponseEntry>;
};
export const methods = ["get", "post", "put", "patch", "delete"] as const;
export type Method = (typeof methods)[number];
export type PathItem = { parameters?: Parameter[] } & Partial<Record<Method, Operation>>;
/** Paths as Hono routes them, with `{name}` for `:name`. */
export type Paths = Record<`/api/${string}`, PathItem>;

export const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });

export const headers = {
  retryAfter: {
    description: "Seconds to wait before trying again",
    required: true,
    schema: { type: "integer", minimum: 1 },
  },
  allow: {
    description: "The methods this path takes",
    required: true,
    schema: { type: "string" },
  },
} satisfies Record<string, Header>;

/** A JSON answer whose body is the named schema. */
export const json = (
  description: string,
  schema: SchemaName,
  extra: Record<string, Header> = {},
): ResponseEntry => ({
  description,
  ...(Object.keys(extra).length > 0 ? { headers: extra } : {}),
  content: { "application/json": { schema: ref(schema) } },
});

/** An answer without a body (204, 304). */
export const empty = (description: string, extra: Record<string, Header> = {}): ResponseEntry => ({
  description,
  ...(Object.keys(extra).length > 0 ? { headers: extra } : {}),
});

/** An RFC 9457 application/problem+json answer. */
export const problem = (
  description: string,
  extra: Record<string, Header> = {},
): ResponseEntry => ({
  description,
  ...(Object.keys(extra).length > 0 ? { headers: extra } : {}),
  content: { "application/problem+json": { schema: ref("Problem") } },
});

/** The errors routes share, worded once. */
export const errors = {
  400: problem(
    "Invalid request: malformed JSON, wrong types, unknown fields, ragged or empty tables, " +
      "non-finite numbers. `issues` lists each bad field by its dot path.",
  ),
  405: problem("Method not allowed on this path; `Allow` lists the ones it takes", {
    Allow: headers.allow,
  }),
  413: problem(`The body is over ${maxBodyBytes} bytes (64 KiB)`),
  415: problem("The body is not of a media type this operation takes"),
  503: problem("Model storage is unavailable; nothing was stored or changed. Try again later.", {
    "Retry-After": headers.retryAfter,
  }),
} satisfies Record<number, ResponseEntry>;

/** The `{id}` of a stored model. */
export const modelId: Parameter = {
  name: "id",
  in: "path",
  required: true,
  description: "The model's id, as POST /api/train answered it",
  schema: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$" },
};
