// Every row of the table with its target, the network's output and whether it is right:
// rounded at 0.5 for 0/1 targets (as the core counts accuracy), within 0.5 otherwise. The
// outputs follow the epoch shown.
import type { TruthTable } from "../../shared/index.ts";
import { h, setText } from "./dom.ts";
import { defaultInputName, defaultOutputName } from "./form-state.ts";
import { short } from "./format.ts";
import { scrollRegion } from "./scroll-region.ts";

export function isRight(output: number, target: number): boolean {
  if (target === 0 || target === 1) return (output >= 0.5 ? 1 : 0) === target;
  return Math.abs(output - target) < 0.5;
}

export type PredictionsTable = { element: HTMLElement; show(predictions: number[][]): void };

export function predictionsTable(table: TruthTable): PredictionsTable {
  const inputNames =
    table.inputs[0]?.map((_, i) => table.inputNames?.[i] ?? defaultInputName(i)) ?? [];
  const outputNames =
    table.targets[0]?.map((_, j) => table.outputNames?.[j] ?? defaultOutputName(j)) ?? [];
  const caption = h("caption", {}, `–/${table.inputs.length} rows right`);
  const cells: HTMLElement[][] = [];
  const marks: { row: HTMLElement; mark: HTMLElement; symbol: HTMLElement; word: HTMLElement }[] =
    [];
  const rows = table.inputs.map((inputs, r) => {
    const targets = table.targets[r] ?? [];
    const outputs = targets.map(() => h("td", { class: "num" }, "–"));
    cells.push(outputs);
    const symbol = h("span", { "aria-hidden": "true" }, "");
    const word = h("span", { class: "visually-hidden" }, "");
    const mark = h("td", { class: "mark" }, symbol, word);
    const row = h(
      "tr",
      {},
      inputs.map((value) => h("td", { class: "in" }, short(value))),
      targets.map((t, j) => [h("td", { class: "out" }, short(t)), outputs[j]]),
      mark,
    );
    marks.push({ row, mark, symbol, word });
    return row;
  });
  const element = scrollRegion(
    "Predictions, row by row",
    h(
      "table",
      { class: "predictions", id: "predictions" },
      caption,
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

  // A row's numbers are written out only while it is near the viewport (a 256-row table in its
  // scroller shows a dozen): the others wait, their values kept in data-value, until they come
  // into sight. Laying out 256 changed cells at every frame costs more than the frame has.
  const inSight = new Set<number>();
  const stale = new Set<number>();
  const writeRow = (r: number) => {
    for (const cell of cells[r] ?? []) setText(cell, Number(cell.dataset.value).toFixed(4));
    stale.delete(r);
  };
  const watcher =
    typeof IntersectionObserver === "undefined"
      ? undefined
      : new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              const r = Number((entry.target as HTMLElement).dataset.row);
              if (!entry.isIntersecting) inSight.delete(r);
              else {
                inSight.add(r);
                if (stale.has(r)) writeRow(r);
              }
            }
          },
          { rootMargin: "200px" },
        );
  marks.forEach(({ row }, r) => {
    row.dataset.row = String(r);
    watcher?.observe(row);
  });

  function show(predictions: number[][]): void {
    let rightRows = 0;
    table.targets.forEach((targets, r) => {
      const outputs = predictions[r] ?? [];
      const right = targets.every((t, j) => isRight(outputs[j] ?? Number.NaN, t));
      if (right) rightRows++;
      cells[r]?.forEach((cell, j) => {
        cell.dataset.value = String(outputs[j] ?? Number.NaN);
      });
      if (!watcher || inSight.has(r)) writeRow(r);
      else stale.add(r);
      const m = marks[r];
      // Only a row whose verdict changed is touched: a 256-row table stays cheap at 60 frames a second.
      if (!m || m.row.dataset.right === String(right)) return;
      m.row.dataset.right = String(right);
      m.mark.className = right ? "mark right" : "mark wrong";
      m.symbol.textContent = right ? "✓" : "✗";
      m.word.textContent = right ? "right" : "wrong";
    });
    setText(caption, `${rightRows}/${table.inputs.length} rows right`);
  }

  return { element, show };
}
