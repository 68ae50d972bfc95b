// For two inputs: what the network answers everywhere in [0,1]², not only at the table's rows,
// at the epoch shown. Painted from the core's own forward pass over a grid (shared with the
// hidden units' maps), so it is exactly what the server would say for those inputs.
import type { Model } from "../../shared/index.ts";
import { h } from "./dom.ts";
import { short } from "./format.ts";
import { cells, type Grid, paint } from "./heat-image.ts";
import { unitNames } from "./network-diagram.ts";
import { diverging, divergingGradient } from "./palette.ts";

// Drawn at the largest size it is shown at (320 CSS px) in device pixels, so circles and labels
// stay crisp on dense screens, and no larger: it is redrawn every frame while a run plays.
const size = Math.round(320 * Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1)));
const marker = Math.round(size / 27);

export type DecisionMap = {
  element: HTMLElement;
  /** `grid` is every layer's activations over the grid (see gridPass); only the last is used. */
  show(grid: Grid): void;
};

export function decisionMap(model: Model): DecisionMap | HTMLElement {
  const table = model.request.table;
  const names = unitNames(model);
  const inputNames = names[0] ?? [];
  const outputNames = names.at(-1) ?? [];
  if (inputNames.length !== 2) {
    return h("p", { class: "hint" }, "The decision map is drawn for tables with exactly 2 inputs.");
  }
  const canvas = h("canvas", {
    width: size,
    height: size,
    id: "decision-map",
    role: "img",
    "aria-label": `Decision map: the output for every ${inputNames[0]} and ${inputNames[1]} between 0 and 1, with the table's ${table.inputs.length} rows marked by their targets`,
  });
  const context = canvas.getContext("2d");
  const small = document.createElement("canvas");
  small.width = cells;
  small.height = cells;
  const smallContext = small.getContext("2d");
  const image = smallContext?.createImageData(cells, cells);
  let output = 0;
  let last: Grid | undefined;

  function show(grid: Grid): void {
    last = grid;
    if (!context || !smallContext || !image) return;
    const outputs = grid.layers.at(-1);
    if (!outputs) return;
    // Targets other than 0/1 (a linear output, say) stretch the scale so every row stays on it.
    const targets = table.targets.map((row) => row[output] ?? 0);
    const low = Math.min(0, ...targets);
    const high = Math.max(1, ...targets);
    paint(image, outputs, outputNames.length, output, low, high, grid.points);
    smallContext.putImageData(image, 0, 0);
    // Scaled up without smoothing: crisp cells, no blur at the edges.
    context.imageSmoothingEnabled = false;
    context.drawImage(small, 0, 0, size, size);
    context.lineWidth = Math.max(2, size / 128);
    context.strokeStyle = "#111";
    context.font = `bold ${Math.round(size / 25)}px system-ui, sans-serif`;
    context.textAlign = "center";
    context.textBaseline = "middle";
    table.inputs.forEach((inputs, r) => {
      const x = (inputs[0] ?? 0) * size;
      const y = (1 - (inputs[1] ?? 0)) * size;
      const target = targets[r] ?? 0;
      const [cr, cg, cb] = diverging((target - low) / (high - low));
      // Rows on the edge of the square are drawn just inside it, whole.
      const cx = Math.min(size - marker - 4, Math.max(marker + 4, x));
      const cy = Math.min(size - marker - 4, Math.max(marker + 4, y));
      context.beginPath();
      context.arc(cx, cy, marker, 0, 2 * Math.PI);
      context.fillStyle = `rgb(${cr} ${cg} ${cb})`;
      context.fill();
      context.stroke();
      context.fillStyle = target >= (low + high) / 2 ? "#fff" : "#111";
      context.fillText(short(target), cx, cy);
    });
  }

  const picker =
    outputNames.length > 1
      ? h(
          "div",
          { class: "field" },
          h("label", { for: "decision-output" }, "Output shown"),
          h(
            "select",
            {
              id: "decision-output",
              onchange: (event: Event) => {
                output = Number((event.target as HTMLSelectElement).value);
                if (last) show(last);
              },
            },
            outputNames.map((name, j) => h("option", { value: j }, name)),
          ),
        )
      : null;
  const element = h(
    "figure",
    { class: "decision" },
    picker,
    h(
      "div",
      { class: "map-frame" },
      h("span", { class: "axis-y" }, `${inputNames[1]}: 0 → 1`),
      canvas,
      h("span", { class: "axis-x" }, `${inputNames[0]}: 0 → 1`),
    ),
    h(
      "figcaption",
      {},
      h("span", { class: "gradient", style: `background: ${divergingGradient}` }),
      h(
        "span",
        { class: "gradient-labels" },
        h("span", {}, "0"),
        h("span", {}, "0.5"),
        h("span", {}, "1"),
      ),
      "Circles are the table's rows, labelled with their targets.",
    ),
  );
  return { element, show };
}
