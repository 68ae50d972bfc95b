// The read-only routes in the document: presets, health, and the document itself.
import { errors, json, type Paths, problem } from "./parts.ts";

export const infoPaths = {
  "/api/presets": {
    get: {
      operationId: "listPresets",
      summary: "List the presets",
      description:
        "Named truth tables (xor, parity, a half adder…), each with a network and training " +
        "that learns it; each preset's `request` can be sent to POST /api/train as it is.",
      tags: ["Presets"],
      security: [],
      responses: { 200: json("Every preset", "PresetList"), 405: errors[405] },
    },
  },
  "/api/presets/{name}": {
    parameters: [
      {
        name: "name",
        in: "path",
        required: true,
        description: "The preset's name, e.g. xor",
        schema: { type: "string" },
      },
    ],
    get: {
      operationId: "getPreset",
      summary: "Read one preset",
      description: "One preset by its name.",
      tags: ["Presets"],
      security: [],
      responses: {
        200: json("The preset", "Preset"),
        404: problem("There is no preset with this name"),
        405: errors[405],
      },
    },
  },
  "/api/health": {
    get: {
      operationId: "getHealth",
      summary: "Check the service",
      description:
        "Answers while the service is up, with its version, the limits a training run must " +
        "keep within and how long stored models are kept.",
      tags: ["Service"],
      security: [],
      responses: { 200: json("Up", "Health"), 405: errors[405] },
    },
  },
  "/api/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      summary: "Read this document",
      description: "This OpenAPI 3.1 document, as the running version serves it.",
      tags: ["Service"],
      security: [],
      responses: { 200: json("The document", "OpenApiDocument"), 405: errors[405] },
    },
  },
} satisfies Paths;
