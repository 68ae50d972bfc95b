// The comment every export starts with: what the file is, who made it, and how to call it.
import { type ExportFormat, formatFacts } from "./formats.ts";
import type { ExportInfo, ExportView } from "./model-view.ts";
import { commentText } from "./names.ts";
import { usageSnippet } from "./snippets.ts";

/** "2 inputs → 4 tanh → 1 sigmoid", in ASCII so that every comment syntax takes it. */
export function shapeText(view: ExportView): string {
  const layers = view.layers.map((layer) => `${layer.fanOut} ${layer.activation}`);
  const bias = view.layers[0]?.bias ? "with bias" : "without bias";
  return `${view.inputs} inputs -> ${layers.join(" -> ")} (${bias})`;
}

/** The model's name in quotes, or "unnamed". */
export function titleText(view: ExportView): string {
  return view.name === "" ? "unnamed" : `"${commentText(view.name)}"`;
}

/** The header's lines, without comment markers. */
export function headerLines(format: ExportFormat, view: ExportView, info: ExportInfo): string[] {
  return [
    `${formatFacts[format].title} of the backprop-edge model ${titleText(view)}, id ${info.id}, made by backprop-edge ${info.version}.`,
    `Shape: ${shapeText(view)}.`,
    `Inputs: ${commentText(view.inputNames.join(", "), 400)}. Outputs: ${commentText(view.outputNames.join(", "), 400)}.`,
    "Use it:",
    ...usageSnippet(format, view, info.id).map((line) => `  ${line}`),
  ];
}

/** The ONNX file's doc_string and metadata_props: what the comment says, and the same as fields. */
export function describeModel(
  view: ExportView,
  info: ExportInfo,
): { text: string; properties: Record<string, string> } {
  return {
    text: headerLines("onnx", view, info).join("\n"),
    properties: {
      name: view.name,
      id: info.id,
      inputNames: JSON.stringify(view.inputNames),
      outputNames: JSON.stringify(view.outputNames),
      activations: JSON.stringify(view.layers.map((layer) => layer.activation)),
      producer: `backprop-edge ${info.version}`,
    },
  };
}
