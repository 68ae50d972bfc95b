// The contract: every answer the suite gets is one the served OpenAPI document describes. Its
// path and method name an operation, the operation lists its status, the status's required
// headers are there, and its body has the documented media type and validates against the
// documented schema (a body-less status has no body). A path the document lacks must be a 404
// problem, a method it lacks a 405 whose Allow lists exactly the documented methods. So a route,
// status, header or field the document does not have fails the test that met it.
//
// Validated inside workerd by @cfworker/json-schema, which interprets schemas (workerd forbids
// the code generation ajv relies on).
import { dereference, type Schema, validate } from "@cfworker/json-schema";
import { expect } from "vitest";

type Header = { required?: boolean; schema: { type?: string; minimum?: number } };
type Entry = {
  headers?: Record<string, Header>;
  content?: Record<string, { schema: Schema }>;
};
type Operation = { responses: Record<string, Entry> };
type PathItem = Record<string, Operation | unknown>;
export type ApiDocument = {
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, Schema> };
};

const operationMethods = ["get", "post", "put", "patch", "delete"];

/** The document's path template this path falls under (`{name}`: one non-empty segment). */
function templateOf(document: ApiDocument, path: string): string | undefined {
  const segments = path.split("/");
  const matches = Object.keys(document.paths).filter((template) => {
    const parts = template.split("/");
    return (
      parts.length === segments.length &&
      parts.every((part, index) =>
        /^\{.+\}$/.test(part) ? (segments[index] ?? "") !== "" : part === segments[index],
      )
    );
  });
  // A literal segment wins over a parameter, as in the router.
  const literals = (template: string) => template.split("/").filter((p) => !p.startsWith("{"));
  return matches.sort((a, b) => literals(b).length - literals(a).length)[0];
}

const operationsOf = (item: PathItem) =>
  operationMethods.filter((method) => item[method] !== undefined);

const mediaTypeOf = (response: Response) =>
  (response.headers.get("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

export type Contract = (method: string, url: string, response: Response) => Promise<void>;

/** A checker for answers, against this document (as the Worker served it). */
export function contractOf(document: ApiDocument): Contract {
  const lookup = dereference(document as unknown as Schema);

  const expectBody = async (where: string, response: Response, entry: Entry, head: boolean) => {
    const text = await response.text();
    if (!entry.content) {
      expect(text, `${where}: the document gives this status no body`).toBe("");
      return;
    }
    const type = mediaTypeOf(response);
    const content = entry.content[type];
    expect(content, `${where}: Content-Type ${type} is not one the document lists`).toBeDefined();
    if (head || !content) return;
    // A file (a model's export) is held to its documented media type; JSON to its schema too.
    if (!type.endsWith("json")) return;
    const result = validate(JSON.parse(text), content.schema, "2020-12", lookup, false);
    const errors = result.errors.map((e) => `${e.instanceLocation} ${e.error}`).slice(0, 12);
    expect(errors, `${where}: the body does not match the document's schema`).toEqual([]);
  };

  const expectHeaders = (where: string, response: Response, entry: Entry) => {
    for (const [name, header] of Object.entries(entry.headers ?? {})) {
      const value = response.headers.get(name);
      if (header.required) expect(value, `${where}: header ${name} is missing`).not.toBeNull();
      if (value !== null && header.schema.type === "integer") {
        const n = Number(value);
        expect(Number.isInteger(n) && n >= (header.schema.minimum ?? -Infinity), where).toBe(true);
      }
    }
  };

  return async (method, url, response) => {
    const path = new URL(url).pathname;
    if (path !== "/api" && !path.startsWith("/api/")) return; // the site's, not the API's
    const where = `${method} ${path} → ${response.status}`;
    const head = method === "HEAD";
    // Preflights are answered by the CORS middleware for any path, before routing.
    if (method === "OPTIONS") {
      expect(response.status, where).toBe(204);
      return;
    }
    const template = templateOf(document, path);
    if (template === undefined) {
      expect(response.status, `${where}: a path the document lacks must answer 404`).toBe(404);
      const problem = document.components.schemas.Problem as Schema;
      const entry = { content: { "application/problem+json": { schema: problem } } };
      await expectBody(where, response, entry, head);
      return;
    }
    const item = document.paths[template] as PathItem;
    const operation = item[head ? "get" : method.toLowerCase()] as Operation | undefined;
    if (!operation) {
      expect(response.status, `${where}: a method the document lacks must answer 405`).toBe(405);
      const documented = operationsOf(item).map((m) => m.toUpperCase());
      if (documented.includes("GET")) documented.push("HEAD");
      const allowed = (response.headers.get("Allow") ?? "").split(",").map((m) => m.trim());
      expect(allowed.sort(), `${where}: Allow must list the documented methods`).toEqual(
        documented.sort(),
      );
      const entry = operationsOf(item)
        .map((m) => (item[m] as Operation).responses["405"])
        .find((found) => found !== undefined);
      expect(entry, `${where}: no operation of ${template} documents its 405`).toBeDefined();
      if (entry) {
        expectHeaders(where, response, entry);
        await expectBody(where, response, entry, head);
      }
      return;
    }
    const entry = operation.responses[String(response.status)];
    expect(entry, `${where}: the document does not list this status for ${template}`).toBeDefined();
    if (!entry) return;
    expectHeaders(where, response, entry);
    await expectBody(where, response, entry, head);
  };
}
