// /api/models/{id}/export/{format} in the document.
import { exportFormats, formatFacts } from "../../shared/index.ts";
import { empty, errors, modelId, type Paths, problem } from "./parts.ts";

const mediaType = (format: (typeof exportFormats)[number]) =>
  formatFacts[format].mediaType.split(";")[0] as string;

export const exportPaths = {
  "/api/models/{id}/export/{format}": {
    parameters: [
      modelId,
      {
        name: "format",
        in: "path",
        required: true,
        description: exportFormats
          .map(
            (format) =>
              `${format}: ${formatFacts[format].title} (${formatFacts[format].extension})`,
          )
          .join("; "),
        schema: { type: "string", enum: [...exportFormats] },
      },
    ],
    get: {
      operationId: "exportModel",
      summary: "Download a stored model as ONNX, JavaScript, Python or C",
      description:
        "The model as a file that computes what predict computes, to run elsewhere: `onnx` (DOUBLE " +
        "tensors, opset 13) for onnxruntime and Netron, `js` an ES module with no imports (bit for " +
        "bit the API's outputs), `py` a numpy module, `c` one C99 header. It comes as an " +
        "attachment named after the model (or its id). A model never changes, so neither does its " +
        "export: the ETag is from the file's bytes, If-None-Match answers 304, and it may be " +
        "cached until the model expires. docs/export.md shows how to call each one.",
      tags: ["Models"],
      security: [],
      responses: {
        200: {
          description: "The file",
          headers: {
            ETag: {
              description: "From the file's bytes, quoted",
              required: true,
              schema: { type: "string" },
            },
            "Cache-Control": {
              description: "public, immutable, until the model expires",
              required: true,
              schema: { type: "string" },
            },
            "Content-Disposition": {
              description: 'attachment; filename="<name>.<extension>"',
              required: true,
              schema: { type: "string" },
            },
          },
          content: Object.fromEntries(
            exportFormats.map((format) => [
              mediaType(format),
              {
                schema:
                  format === "onnx"
                    ? { type: "string", contentMediaType: "application/octet-stream" }
                    : { type: "string", contentMediaType: mediaType(format) },
              },
            ]),
          ),
        },
        304: empty("Not modified: If-None-Match named its ETag"),
        404: problem(
          "There is no model with this id, or no such format (then `formats` lists the formats)",
        ),
        405: errors[405],
        503: errors[503],
      },
    },
  },
} satisfies Paths;
