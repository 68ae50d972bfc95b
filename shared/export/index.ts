// The exports' public face, re-exported through shared/index.ts.
export { type ExportedFile, exportModel } from "./export-model.ts";
export { type ExportFormat, exportFormats, formatFacts, isExportFormat } from "./formats.ts";
export { type ExportInfo, exportView } from "./model-view.ts";
export { onnxIrVersion, onnxOpset } from "./onnx.ts";
export { exportFileName, usageSnippet } from "./snippets.ts";
