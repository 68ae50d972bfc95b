// The trained network drawn as a graph: a node per unit, an edge per weight, blue and solid for
// positive, orange and dashed for negative, thicker for larger magnitude. Hover or focus an edge
// (or a unit, for its bias) and its value is spelled out under the drawing.
import type { Model } from "../../shared/index.ts";
import { h, s, setText } from "./dom.ts";
import { defaultInputName, defaultOutputName } from "./form-state.ts";
import { short } from "./format.ts";
import { negative, positive } from "./palette.ts";
import { scrollRegion } from "./scroll-region.ts";

// Beyond this many edges, tabbing through each one would be a chore: the weights table says it all.
const maxFocusableEdges = 120;

export function unitNames(model: Model): string[][] {
  const table = model.request.table;
  const inputs = model.layers[0]?.weights.length ?? 0;
  const names = [
    Array.from({ length: inputs }, (_, i) => table.inputNames?.[i] ?? defaultInputName(i)),
  ];
  model.layers.forEach((layer, l) => {
    const units = layer.weights[0]?.length ?? 0;
    const last = l === model.layers.length - 1;
    names.push(
      Array.from({ length: units }, (_, j) =>
        last ? (table.outputNames?.[j] ?? defaultOutputName(j)) : `h${l + 1}.${j + 1}`,
      ),
    );
  });
  return names;
}

export type NetworkDiagram = {
  element: HTMLElement;
  /** Edge colour, dash and thickness (and the spoken values) from these weights. */
  show(model: Model): void;
  /** Where each hidden unit sits, as fractions of the drawing's width and height. */
  hiddenUnits: {
    layer: number;
    unit: number;
    x: number;
    y: number;
    width: number;
    height: number;
  }[];
};

export function networkDiagram(model: Model): NetworkDiagram {
  const names = unitNames(model);
  const tallest = Math.max(...names.map((column) => column.length));
  const width = 400;
  // Units 40 apart, closer in a wide layer so the drawing stays under ~600 units tall.
  const rowGap = Math.min(40, 560 / Math.max(1, tallest));
  const radius = Math.min(13, rowGap / 2.4);
  const height = Math.max(160, tallest * rowGap + 40);
  const columnX = (c: number) => 40 + (c * (width - 80)) / Math.max(1, names.length - 1);
  const unitY = (c: number, u: number) => {
    const n = names[c]?.length ?? 1;
    return height / 2 + (u - (n - 1) / 2) * Math.min(rowGap, (height - 40) / Math.max(1, n - 1));
  };
  const edgeCount = model.layers.reduce((sum, layer) => sum + layer.weights.flat().length, 0);
  const focusable = edgeCount <= maxFocusableEdges ? 0 : undefined;
  const readout = h(
    "p",
    { class: "readout", id: "weight-readout", "aria-live": "polite" },
    "Hover or focus an edge to read its weight.",
  );
  // The readout names whatever the pointer or focus is on, with the value of the epoch shown.
  let spoken: SVGElement | undefined;
  const say = (event: Event) => {
    spoken = event.currentTarget as SVGElement;
    readout.textContent = spoken.getAttribute("aria-label") ?? "";
  };

  const edges = model.layers.map((layer, l) =>
    layer.weights.map((row, i) =>
      row.map((_, j) =>
        s("line", {
          x1: columnX(l),
          y1: unitY(l, i),
          x2: columnX(l + 1),
          y2: unitY(l + 1, j),
          class: "edge",
          tabindex: focusable,
          role: "img",
          onmouseenter: say,
          onfocus: say,
        }),
      ),
    ),
  );
  const nodes = names.map((column, c) =>
    column.map((name, u) => {
      const hasBias = c > 0 && model.layers[c - 1]?.bias != null;
      return s(
        "g",
        {
          class: c === 0 ? "unit input" : "unit",
          tabindex: hasBias ? focusable : undefined,
          role: "img",
          "aria-label": name,
          onmouseenter: say,
          onfocus: say,
        },
        s("circle", { cx: columnX(c), cy: unitY(c, u), r: radius }),
        // Too small to read inside a crowded layer: the label and readout still name the unit.
        radius < 10
          ? null
          : s(
              "text",
              { x: columnX(c), y: unitY(c, u) + 4, "text-anchor": "middle" },
              name.length > 5 ? `${name.slice(0, 4)}…` : name,
            ),
      );
    }),
  );
  const hiddenUnits = names.slice(1, -1).flatMap((column, l) =>
    column.map((_, u) => ({
      layer: l,
      unit: u,
      x: columnX(l + 1) / width,
      y: unitY(l + 1, u) / height,
      width: (2.4 * radius) / width,
      height: (2.4 * radius) / height,
    })),
  );

  function show(shown: Model): void {
    const largest = Math.max(
      1e-12,
      ...shown.layers.flatMap((layer) => layer.weights.flat().map(Math.abs)),
    );
    shown.layers.forEach((layer, l) => {
      layer.weights.forEach((row, i) => {
        row.forEach((w, j) => {
          const edge = edges[l]?.[i]?.[j];
          if (!edge) return;
          edge.setAttribute("stroke", w >= 0 ? positive : negative);
          edge.setAttribute("stroke-width", (0.75 + (5 * Math.abs(w)) / largest).toFixed(2));
          if (w >= 0) edge.removeAttribute("stroke-dasharray");
          else edge.setAttribute("stroke-dasharray", "5 3");
          edge.setAttribute(
            "aria-label",
            `${names[l]?.[i] ?? ""} → ${names[l + 1]?.[j] ?? ""}: weight ${short(w)}`,
          );
          edge.dataset.weight = String(w);
        });
      });
      layer.bias?.forEach((b, j) => {
        nodes[l + 1]?.[j]?.setAttribute(
          "aria-label",
          `${names[l + 1]?.[j] ?? ""}: bias ${short(b)}`,
        );
      });
    });
    if (spoken) readout.textContent = spoken.getAttribute("aria-label") ?? "";
  }

  const element = h(
    "figure",
    { class: "diagram" },
    h(
      "div",
      { class: "network-frame", style: `aspect-ratio: ${width} / ${height}` },
      s(
        "svg",
        {
          viewBox: `0 0 ${width} ${height}`,
          class: "network",
          role: "group",
          "aria-label": "Network diagram",
        },
        edges.flat(2),
        nodes.flat(),
      ),
    ),
    h(
      "figcaption",
      {},
      readout,
      h(
        "span",
        { class: "legend" },
        h("span", { class: "swatch plus" }),
        " positive ",
        h("span", { class: "swatch minus" }),
        " negative (dashed); thicker = larger",
      ),
    ),
  );
  show(model);
  return { element, show, hiddenUnits };
}

/** Every weight and bias as numbers, each cell holding the exact double in data-value. */
export function weightsTables(model: Model): { element: HTMLElement; show(model: Model): void } {
  const names = unitNames(model);
  const cells: HTMLElement[] = [];
  const cell = () => {
    const td = h("td", { class: "num weight" });
    cells.push(td);
    return td;
  };
  const element = h(
    "div",
    { class: "weights", id: "weights" },
    model.layers.map((layer, l) =>
      scrollRegion(
        `Weights of layer ${l + 1}`,
        h(
          "table",
          { class: "matrix" },
          // A caption is only as wide as its table; a one-column table would squeeze it.
          h(
            "caption",
            { class: "wide-caption" },
            `Layer ${l + 1} (${layer.activation}): W is ${layer.weights.length} × ${layer.weights[0]?.length ?? 0}`,
          ),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("td", {}),
              (names[l + 1] ?? []).map((name) => h("th", { scope: "col" }, name)),
            ),
          ),
          h(
            "tbody",
            {},
            layer.weights.map((row, i) =>
              h("tr", {}, h("th", { scope: "row" }, names[l]?.[i] ?? ""), row.map(cell)),
            ),
            layer.bias
              ? h("tr", {}, h("th", { scope: "row" }, "bias"), layer.bias.map(cell))
              : null,
          ),
        ),
      ),
    ),
  );
  function show(shown: Model): void {
    let k = 0;
    for (const layer of shown.layers) {
      for (const value of [...layer.weights.flat(), ...(layer.bias ?? [])]) {
        const td = cells[k++];
        if (!td) continue;
        td.dataset.value = String(value);
        td.title = String(value);
        setText(td, short(value));
      }
    }
  }
  show(model);
  return { element, show };
}
