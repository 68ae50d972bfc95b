// One door to the four exporters: the file's bytes, media type and name for a stored model.
import type { Model } from "../schemas/model.ts";
import { cHeader } from "./c-header.ts";
import { type ExportFormat, formatFacts } from "./formats.ts";
import { javascriptModule } from "./javascript.ts";
import { type ExportInfo, exportView } from "./model-view.ts";
import { onnxModel } from "./onnx.ts";
import { pythonModule } from "./python.ts";
import { exportFileName } from "./snippets.ts";

export type ExportedFile = {
  body: Uint8Array<ArrayBuffer> | string;
  mediaType: string;
  fileName: string;
};

const writers: Readonly<
  Record<ExportFormat, (model: Model, info: ExportInfo) => Uint8Array<ArrayBuffer> | string>
> = { onnx: onnxModel, js: javascriptModule, py: pythonModule, c: cHeader };

export function exportModel(model: Model, format: ExportFormat, info: ExportInfo): ExportedFile {
  return {
    body: writers[format](model, info),
    mediaType: formatFacts[format].mediaType,
    fileName: exportFileName(format, exportView(model), info.id),
  };
}
