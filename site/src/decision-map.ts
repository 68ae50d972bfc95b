// For two inputs: what the network answers everywhere in [0,1]², not only at the table's rows.
// Drawn in the browser with the shared core's `predict` on the returned weights, so it is exactly
// what the server would say for those inputs.
import { type Model, predict } from "../../shared/index.ts";
import { h } from "./dom.ts";
import { short } from "./format.ts";
import { unitNames } from "./network-diagram.ts";
import { diverging, divergingGradient } from "./palette.ts";

const cells = 100;
// Drawn at twice the largest size it is shown at, so circles and labels stay crisp on dense screens.
const size = 640;
const marker = 24;

function draw(canvas: HTMLCanvasElement, model: Model, output: number): void {
  const context = canvas.getContext("2d");
  if (!context) return;
  const table = model.request.table;
  const grid: number[][] = [];
  for (let row = 0; row < cells; row++) {
    for (let column = 0; column < cells; column++) {
      grid.push([(column + 0.5) / cells, 1 - (row + 0.5) / cells]);
    }
  }
  const outputs = predict(model, grid);
  // Targets other than 0/1 (a linear output, say) stretch the scale so every row stays on it.
  const targets = table.targets.map((row) => row[output] ?? 0);
  const low = Math.min(0, ...targets);
  const high = Math.max(1, ...targets);
  const image = context.createImageData(cells, cells);
  outputs.forEach((values, k) => {
    const [r, g, b] = diverging(((values[output] ?? 0) - low) / (high - low));
    image.data.set([r, g, b, 255], k * 4);
  });
  // Paint the small grid, then scale it up without smoothing: crisp cells, no blur at the edges.
  const small = document.createElement("canvas");
  small.width = cells;
  small.height = cells;
  small.getContext("2d")?.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(small, 0, 0, size, size);
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
    context.lineWidth = 5;
    context.strokeStyle = "#111";
    context.stroke();
    context.fillStyle = target >= (low + high) / 2 ? "#fff" : "#111";
    context.font = "bold 26px system-ui, sans-serif";
    context.textAlign = "center";
    context.textBaseline = "middle";
    context.fillText(short(target), cx, cy);
  });
}

export function decisionMap(model: Model): HTMLElement {
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
              onchange: (event: Event) =>
                draw(canvas, model, Number((event.target as HTMLSelectElement).value)),
            },
            outputNames.map((name, j) => h("option", { value: j }, name)),
          ),
        )
      : null;
  draw(canvas, model, 0);
  return h(
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
}
