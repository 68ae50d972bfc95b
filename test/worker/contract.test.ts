// The document against the code, both ways: every route the app has is documented and every
// documented operation is a route; the contract check (contract.ts) refuses an answer that
// differs from the document; the document is built once per isolate.
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app.ts";
import { openApiDocument, openApiJson } from "../../worker/openapi.ts";
import { type ApiDocument, contractOf } from "./contract.ts";
import { call } from "./helpers.ts";

const served = async () => (await (await call("/api/openapi.json")).json()) as ApiDocument;

describe("the document and the app's routes", () => {
  it("lists exactly the operations the app routes, under /api", async () => {
    const routed = new Set(
      app.routes
        .filter((route) => route.method !== "ALL" && route.path.startsWith("/api/"))
        .map((route) => `${route.method} ${route.path.replace(/:([^/]+)/g, "{$1}")}`),
    );
    const documented = new Set(
      Object.entries((await served()).paths).flatMap(([path, item]) =>
        ["get", "post", "put", "patch", "delete"]
          .filter((method) => item[method] !== undefined)
          .map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    expect([...documented].sort()).toEqual([...routed].sort());
  });

  it("is built once per isolate and served as built", async () => {
    expect(openApiDocument()).toBe(openApiDocument());
    expect(openApiJson()).toBe(openApiJson());
    const response = await call("/api/openapi.json");
    expect(await response.text()).toBe(openApiJson());
    expect(JSON.parse(openApiJson())).toEqual(openApiDocument());
  });

  it("gives every operation an operationId, summary, description, tags and security", async () => {
    const document = (await served()) as unknown as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const ids: string[] = [];
    for (const item of Object.values(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (method === "parameters") continue;
        expect(operation).toMatchObject({
          operationId: expect.any(String),
          summary: expect.any(String),
          description: expect.any(String),
          tags: [expect.any(String)],
          security: expect.any(Array),
        });
        ids.push(operation.operationId as string);
      }
    }
    expect(ids).toEqual(
      expect.arrayContaining([
        "trainModel",
        "getModel",
        "predict",
        "predictByQuery",
        "deleteModel",
        "listPresets",
        "getPreset",
        "getHealth",
      ]),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.paths["/api/models/{id}"]?.delete?.security).toEqual([{ deleteToken: [] }]);
  });
});

describe("the contract check refuses an answer the document does not describe", () => {
  const problem = (status: number, extra: Record<string, unknown> = {}) => ({
    type: "about:blank",
    title: "Error",
    status,
    detail: "something",
    ...extra,
  });
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(body === null ? null : JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json", ...headers },
    });
  const problemAnswer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    answer(status, body, { "Content-Type": "application/problem+json", ...headers });
  const url = (path: string) => `http://edge.test${path}`;

  it("accepts the real answers (the whole suite goes through it), and refuses these", async () => {
    const check = contractOf(await served());
    const health = await (await call("/api/health")).json();
    await check("GET", url("/api/health"), answer(200, health));
    const refused = [
      // A status the operation does not list.
      ["GET", "/api/health", problemAnswer(500, problem(500))],
      // A field the schema does not have.
      ["GET", "/api/health", answer(200, { ...(health as object), extra: 1 })],
      // A field missing.
      ["GET", "/api/health", answer(200, { ok: true })],
      // Another media type than the documented one.
      ["GET", "/api/health", new Response(JSON.stringify(health), { status: 200 })],
      // A value of the wrong type.
      ["POST", `/api/models/${"A".repeat(22)}/predict`, answer(200, { outputs: [["0.5"]] })],
      // A required header missing (429 without Retry-After).
      ["POST", "/api/train", problemAnswer(429, problem(429))],
      // A problem with an undocumented member.
      ["POST", "/api/train", problemAnswer(400, problem(400, { input: "echoed" }))],
      // A path the document lacks that does not answer 404.
      ["GET", "/api/jobs", answer(200, {})],
      // A method the document lacks that answers, or whose Allow differs from the document.
      ["PUT", "/api/health", answer(200, health)],
      ["PUT", "/api/health", problemAnswer(405, problem(405), { Allow: "GET, HEAD, PUT" })],
    ] as const;
    for (const [method, path, response] of refused) {
      await expect(check(method, url(path), response), `${method} ${path}`).rejects.toThrow();
    }
  });
});
