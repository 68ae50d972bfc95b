// How to call each export, in two or three lines: printed at the top of the file itself, on the
// page beside its download button, and (for a sample model) in docs/export.md, where a test runs
// each one.

import type { ExportFormat } from "./formats.ts";
import { doubleLiteral } from "./literal.ts";
import type { ExportView } from "./model-view.ts";
import { cIdentifier, fileBase } from "./names.ts";

/** The file each format is saved under, as Content-Disposition names it. */
export function exportFileName(format: ExportFormat, view: ExportView, id: string): string {
  const base = fileBase(view.name, id);
  switch (format) {
    case "onnx":
      return `${base}.onnx`;
    case "js":
      return `${base}.mjs`;
    case "py":
      // `import` takes identifiers only.
      return `${cIdentifier(base)}.py`;
    case "c":
      return `${base}.h`;
  }
}

/** A row to show a call with: the table's first, in the plainest number form. */
function sampleRow(example: readonly number[]): string {
  return example.map((value) => doubleLiteral(value).replace(/\.0$/, "")).join(", ");
}

export function usageSnippet(format: ExportFormat, view: ExportView, id: string): string[] {
  const file = exportFileName(format, view, id);
  const row = sampleRow(view.example);
  switch (format) {
    case "onnx":
      return [
        `import { InferenceSession, Tensor } from "onnxruntime-node";`,
        `const session = await InferenceSession.create("${file}");`,
        `console.log((await session.run({ input: new Tensor("float64", [${row}], [1, ${view.inputs}]) })).output.data);`,
      ];
    case "js":
      return [`import { predict } from "./${file}";`, `console.log(predict([[${row}]]));`];
    case "py":
      return [`from ${file.replace(/\.py$/, "")} import predict`, `print(predict([[${row}]]))`];
    case "c": {
      const prefix = cIdentifier(fileBase(view.name, id));
      return [
        `#include "${file}"`,
        `double out[${prefix.toUpperCase()}_OUTPUTS]; ${prefix}_predict((const double[]){${row}}, out);`,
      ];
    }
  }
}
