// Every row of the table with its target, the network's output and whether it is right:
// rounded at 0.5 for 0/1 targets (as the core counts accuracy), within 0.5 otherwise.
import type { TruthTable } from "../../shared/index.ts";
import { h } from "./dom.ts";
import { defaultInputName, defaultOutputName } from "./form-state.ts";
import { short } from "./format.ts";
import { scrollRegion } from "./scroll-region.ts";

export function isRight(output: number, target: number): boolean {
  if (target === 0 || target === 1) return (output >= 0.5 ? 1 : 0) === target;
  return Math.abs(output - target) < 0.5;
}

export function predictionsTable(table: TruthTable, predictions: number[][]): HTMLElement {
  const inputNames =
    table.inputs[0]?.map((_, i) => table.inputNames?.[i] ?? defaultInputName(i)) ?? [];
  const outputNames =
    table.targets[0]?.map((_, j) => table.outputNames?.[j] ?? defaultOutputName(j)) ?? [];
  let rightRows = 0;
  const rows = table.inputs.map((inputs, r) => {
    const targets = table.targets[r] ?? [];
    const outputs = predictions[r] ?? [];
    const right = targets.every((t, j) => isRight(outputs[j] ?? Number.NaN, t));
    if (right) rightRows++;
    return h(
      "tr",
      { "data-right": String(right) },
      inputs.map((value) => h("td", { class: "in" }, short(value))),
      targets.map((t, j) => [
        h("td", { class: "out" }, short(t)),
        h(
          "td",
          { class: "num", "data-value": String(outputs[j]) },
          (outputs[j] ?? Number.NaN).toFixed(4),
        ),
      ]),
      h(
        "td",
        { class: right ? "mark right" : "mark wrong" },
        h("span", { "aria-hidden": "true" }, right ? "✓" : "✗"),
        h("span", { class: "visually-hidden" }, right ? "right" : "wrong"),
      ),
    );
  });
  return scrollRegion(
    "Predictions, row by row",
    h(
      "table",
      { class: "predictions", id: "predictions" },
      h("caption", {}, `${rightRows}/${table.inputs.length} rows right`),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          inputNames.map((name) => h("th", { scope: "col", class: "in" }, name)),
          outputNames.map((name) => [
            h("th", { scope: "col", class: "out" }, `${name} target`),
            h("th", { scope: "col" }, `${name} output`),
          ]),
          h("th", { scope: "col" }, "Right?"),
        ),
      ),
      h("tbody", {}, rows),
    ),
  );
}
