// Thousands of random and mutated requests: none may get a 5xx, every refusal is problem+json.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call, xorRequest } from "./helpers.ts";

async function expectNoServerError(response: Response, method = "GET"): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    if (method === "HEAD") return; // no body to read
    const body = JSON.parse(text) as { status: number; issues?: unknown[] };
    expect(body.status).toBe(response.status);
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(2048);
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  }
}

/** A valid request with one value somewhere replaced by anything JSON can say. */
const mutatedRequest = fc
  .tuple(
    fc.constantFrom(
      ["table"],
      ["table", "inputs"],
      ["table", "inputs", 0],
      ["table", "inputs", 0, 1],
      ["table", "targets", 2],
      ["table", "inputNames"],
      ["network"],
      ["network", "hidden"],
      ["network", "hidden", 0, "units"],
      ["network", "hidden", 0, "activation"],
      ["network", "output"],
      ["network", "bias"],
      ["training", "epochs"],
      ["training", "learningRate"],
      ["training", "seed"],
      ["training", "loss"],
      ["training", "optimizer"],
      ["training", "batchSize"],
      ["training", "momentum"],
      ["training", "regularization"],
      ["training", "targetLoss"],
      ["name"],
      ["persist"],
      ["__proto__"],
      ["constructor"],
    ),
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constant("__INF__"),
      fc.constantFrom(-1, 0, 1, 1e308, -1e308, 5e-324, 2 ** 53, 0.5, 64, 65, 100_000, 100_001),
    ),
  )
  .map(([path, value]) => {
    const request = JSON.parse(JSON.stringify({ ...xorRequest, persist: false })) as Record<
      string,
      unknown
    >;
    let node: Record<string | number, unknown> = request;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (typeof next !== "object" || next === null) break;
      node = next as Record<string | number, unknown>;
    }
    const last = path[path.length - 1] as string | number;
    Object.defineProperty(node, last, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    // Swap valid numbers for the JSON no schema should let through.
    return JSON.stringify(request).replaceAll('"__INF__"', "1e999");
  });

// Thousands of requests each: a loaded machine needs more than the default 30 s, a quiet one ~5 s.
describe("fuzz", () => {
  it("mutated training requests", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedRequest, async (body) => {
        await expectNoServerError(
          await call("/api/train", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body,
          }),
        );
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it("random bodies, content types, methods and paths", async () => {
    const paths = fc.oneof(
      fc.constantFrom(
        "/api/train",
        "/api/train?hidden=2&epochs=10&persist=false",
        "/api/models/AAAAAAAAAAAAAAAAAAAAAA",
        "/api/models/AAAAAAAAAAAAAAAAAAAAAA/predict",
        "/api/models/AAAAAAAAAAAAAAAAAAAAAA/predict?x=1,2",
        "/api/models/AAAAAAAAAAAAAAAAAAAAAA/export/onnx",
        "/api/presets",
        "/api/presets/xor",
        "/api/health",
        "/api/openapi.json",
      ),
      fc.webPath().map((path) => `/api${path}`),
      fc.string().map((text) => `/api/${encodeURIComponent(text)}`),
      fc
        .string()
        .map((text) => `/api/train?${encodeURIComponent(text)}=${encodeURIComponent(text)}`),
      fc
        .string()
        .map(
          (text) => `/api/models/${encodeURIComponent(text)}/predict?x=${encodeURIComponent(text)}`,
        ),
      fc
        .string()
        .map(
          (text) =>
            `/api/models/${encodeURIComponent(text)}/export/${encodeURIComponent(text.slice(1))}`,
        ),
    );
    const bodies = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
      fc.constantFrom(
        "",
        "{",
        "[]",
        "null",
        '{"__proto__":{}}',
        "a,b\n1,2\n",
        "x\n1e999\n",
        "\u0000\uffff",
        "1e999",
      ),
    );
    const contentTypes = fc.constantFrom(
      undefined,
      "application/json",
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "text/csv",
      "text/plain",
      "application/problem+json",
      "multipart/form-data; boundary=x",
      ";;;",
    );
    const methods = fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    const authorization = fc.option(
      fc.oneof(
        fc.string(),
        fc.string().map((t) => `Bearer ${t}`),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        paths,
        methods,
        contentTypes,
        bodies,
        authorization,
        async (path, method, contentType, body, auth) => {
          const headers: Record<string, string> = {};
          if (contentType !== undefined) headers["Content-Type"] = contentType;
          if (auth !== null && /^[\t\x20-\x7e]*$/.test(auth)) headers.Authorization = auth;
          const hasBody = method !== "GET" && method !== "HEAD";
          await expectNoServerError(
            await call(path, { method, headers, body: hasBody ? body : undefined }),
            method,
          );
        },
      ),
      { numRuns: 2000 },
    );
  }, 120_000);
});
