// GET /api/models/{id}/export/{format}: a stored model as a file to download. The model never
// changes, so neither does its export: an ETag from the file's bytes and the model's own caching.
import { Hono } from "hono";
import { exportFormats, exportModel, isExportFormat } from "../../shared/index.ts";
import { idPattern, sha256 } from "../ids.ts";
import { problem, problemResponse } from "../problem.ts";
import { loadModelCached } from "../store.ts";
import { version } from "../version.ts";

const matches = (ifNoneMatch: string, etag: string) =>
  ifNoneMatch
    .split(",")
    .some((tag) => tag.trim() === "*" || tag.trim().replace(/^W\//, "") === etag);

export const exportRoutes = new Hono<{ Bindings: Env }>().get(
  "/models/:id/export/:format",
  async (c) => {
    const format = c.req.param("format");
    if (!isExportFormat(format)) {
      return problemResponse(
        c,
        problem(
          404,
          `there is no such export format; the formats are ${exportFormats.join(", ")}`,
          {
            formats: [...exportFormats],
          },
        ),
      );
    }
    const id = c.req.param("id");
    const found = idPattern.test(id) ? await loadModelCached(c.env.MODELS, id) : null;
    if (!found) return problemResponse(c, problem(404, "there is no model with this id"));
    const { stored } = found;
    const file = exportModel(stored.model, format, { id: stored.id, version });
    const bytes =
      typeof file.body === "string"
        ? (new TextEncoder().encode(file.body) as Uint8Array<ArrayBuffer>)
        : file.body;
    const maxAge = Math.max(0, Math.floor((Date.parse(stored.expiresAt) - Date.now()) / 1000));
    const headers = {
      ETag: `"${(await sha256(bytes)).slice(0, 27)}"`,
      "Cache-Control": `public, max-age=${maxAge}, immutable`,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
    };
    if (matches(c.req.header("If-None-Match") ?? "", headers.ETag)) {
      return c.body(null, 304, headers);
    }
    return c.body(bytes, 200, { ...headers, "Content-Type": file.mediaType });
  },
);
