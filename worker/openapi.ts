// The OpenAPI 3.1 document, served at /api/openapi.json: assembled from each route file's entry
// (worker/openapi/*.ts), built once per isolate on first use. docs/api-document.md tells how to
// add a route; `npm test` lints the served document and holds every answer to it.
import { continuePaths } from "./openapi/continue.ts";
import { exportPaths } from "./openapi/export.ts";
import { infoPaths } from "./openapi/info.ts";
import { jobPaths } from "./openapi/jobs.ts";
import { modelPaths } from "./openapi/models.ts";
import { methods, type Paths, tags } from "./openapi/parts.ts";
import { schemas } from "./openapi/schemas.ts";
import { trainPaths } from "./openapi/train.ts";
import { license, version } from "./version.ts";

/** Every route's entry. A new route file adds its own here. */
const parts: Paths[] = [trainPaths, modelPaths, exportPaths, continuePaths, jobPaths, infoPaths];

/** The parts as one `paths` object; two parts naming the same operation is a mistake. */
function mergePaths(all: Paths[]): Paths {
  const merged: Paths = {};
  for (const part of all) {
    for (const [path, item] of Object.entries(part) as [keyof Paths, Paths[keyof Paths]][]) {
      const existing = merged[path] ?? {};
      for (const method of methods) {
        if (existing[method] && item[method]) throw new Error(`${method} ${path} is defined twice`);
      }
      merged[path] = { ...existing, ...item };
    }
  }
  return merged;
}

function build() {
  return {
    openapi: "3.1.0",
    info: {
      title: "backprop-edge",
      version,
      description:
        "Train a small neural network on a truth table at the edge, keep it, and use it. " +
        "Errors are RFC 9457 application/problem+json.",
      license: { name: license, identifier: license },
      contact: { name: "backprop-edge" },
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/", description: "The host that serves this document" }],
    tags: [...tags],
    paths: mergePaths(parts),
    components: {
      schemas: schemas(),
      securitySchemes: {
        deleteToken: {
          type: "http",
          scheme: "bearer",
          description:
            "The delete token that POST /api/train, POST /api/models/{id}/train or POST " +
            "/api/jobs answered once (a job's token also reads and cancels the job)",
        },
      },
    },
  };
}

let built: { document: ReturnType<typeof build>; text: string } | undefined;

/** The document, built on first use and kept for the isolate's life (it never changes). */
export function openApiDocument(): ReturnType<typeof build> {
  built ??= (() => {
    const document = build();
    return { document, text: JSON.stringify(document) };
  })();
  return built.document;
}

/** The document as JSON text, serialised once too. */
export function openApiJson(): string {
  openApiDocument();
  return built?.text ?? "";
}
