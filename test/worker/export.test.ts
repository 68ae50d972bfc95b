// GET /api/models/{id}/export/{format} in workerd: the file, its headers and caching, the 404s.
import { describe, expect, it } from "vitest";
import { exportFormats } from "../../shared/index.ts";
import { call, expectProblem, trainStored, xorRequest } from "./helpers.ts";

const named = { ...xorRequest, name: 'Exclusive ÖR: a/b "test"' };

describe("model export", () => {
  it("serves each format as an attachment named after the model", async () => {
    const created = await trainStored(named);
    const expected = {
      onnx: ["application/octet-stream", "exclusive-or-a-b-test.onnx"],
      js: ["text/javascript; charset=utf-8", "exclusive-or-a-b-test.mjs"],
      py: ["text/x-python; charset=utf-8", "exclusive_or_a_b_test.py"],
      c: ["text/x-c; charset=utf-8", "exclusive-or-a-b-test.h"],
    } as const;
    for (const format of exportFormats) {
      const response = await call(`/api/models/${created.id}/export/${format}`);
      expect(response.status).toBe(200);
      const [mediaType, fileName] = expected[format];
      expect(response.headers.get("Content-Type")).toBe(mediaType);
      expect(response.headers.get("Content-Disposition")).toBe(
        `attachment; filename="${fileName}"`,
      );
      expect(response.headers.get("Cache-Control")).toMatch(/^public, max-age=\d{7,}, immutable$/);
      expect(response.headers.get("ETag")).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(bytes.length).toBeGreaterThan(200);
      if (format !== "onnx") {
        const text = new TextDecoder().decode(bytes);
        expect(text).toContain(created.id);
        expect(text).toContain('"Exclusive ÖR: a/b "test""');
      }
    }
  });

  it("falls back to the id for the file name of an unnamed model", async () => {
    const created = await trainStored();
    const response = await call(`/api/models/${created.id}/export/c`);
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="model-${created.id}.h"`,
    );
    const python = await call(`/api/models/${created.id}/export/py`);
    expect(python.headers.get("Content-Disposition")).toBe(
      `attachment; filename="model_${created.id.replaceAll("-", "_")}.py"`,
    );
  });

  it("answers the same file with the same ETag, and 304 to If-None-Match", async () => {
    const created = await trainStored();
    const path = `/api/models/${created.id}/export/onnx`;
    const first = await call(path);
    const second = await call(path);
    const etag = first.headers.get("ETag") ?? "";
    expect(second.headers.get("ETag")).toBe(etag);
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(
      new Uint8Array(await first.arrayBuffer()),
    );
    const other = await call(`/api/models/${created.id}/export/js`);
    expect(other.headers.get("ETag")).not.toBe(etag);

    const revalidated = await call(path, { headers: { "If-None-Match": `"x", W/${etag}` } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("ETag")).toBe(etag);
    expect(await revalidated.text()).toBe("");
    const changed = await call(path, { headers: { "If-None-Match": '"something-else"' } });
    expect(changed.status).toBe(200);
  });

  it("answers HEAD with the headers and no body", async () => {
    const created = await trainStored();
    const response = await call(`/api/models/${created.id}/export/py`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; /);
    expect(await response.text()).toBe("");
  });

  it("404 for an unknown format lists the formats, without echoing the request", async () => {
    const created = await trainStored();
    const body = await expectProblem(
      await call(`/api/models/${created.id}/export/tflite-<script>`),
      404,
    );
    expect(body.formats).toEqual(["onnx", "js", "py", "c"]);
    expect(body.detail).toContain("onnx, js, py, c");
    expect(JSON.stringify(body)).not.toContain("script");
  });

  it("404 for an unknown or malformed model id, for every format", async () => {
    for (const format of exportFormats) {
      const body = await expectProblem(
        await call(`/api/models/AAAAAAAAAAAAAAAAAAAAAA/export/${format}`),
        404,
      );
      expect(body.detail).toBe("there is no model with this id");
      await expectProblem(await call(`/api/models/not-an-id/export/${format}`), 404);
    }
  });

  it("refuses other methods with 405 and Allow", async () => {
    const created = await trainStored();
    const response = await call(`/api/models/${created.id}/export/onnx`, { method: "POST" });
    await expectProblem(response, 405);
    expect(response.headers.get("Allow")).toContain("GET");
  });
});
