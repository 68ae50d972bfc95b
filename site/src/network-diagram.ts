// The trained network drawn as a graph: a node per unit, an edge per weight, blue and solid for
// positive, orange and dashed for negative, thicker for larger magnitude. Hover or focus an edge
// (or a unit, for its bias) and its value is spelled out under the drawing.
import type { Model } from "../../shared/index.ts";
import { h, s } from "./dom.ts";
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

export function networkDiagram(model: Model): HTMLElement {
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
  const largest = Math.max(
    1e-12,
    ...model.layers.flatMap((layer) => layer.weights.flat().map(Math.abs)),
  );
  const edgeCount = model.layers.reduce((sum, layer) => sum + layer.weights.flat().length, 0);
  const focusable = edgeCount <= maxFocusableEdges ? 0 : undefined;
  const readout = h(
    "p",
    { class: "readout", id: "weight-readout", "aria-live": "polite" },
    "Hover or focus an edge to read its weight.",
  );
  const say = (text: string) => () => {
    readout.textContent = text;
  };

  const edges = model.layers.flatMap((layer, l) =>
    layer.weights.flatMap((row, i) =>
      row.map((w, j) => {
        const from = names[l]?.[i] ?? "";
        const to = names[l + 1]?.[j] ?? "";
        const text = `${from} → ${to}: weight ${short(w)}`;
        return s(
          "line",
          {
            x1: columnX(l),
            y1: unitY(l, i),
            x2: columnX(l + 1),
            y2: unitY(l + 1, j),
            stroke: w >= 0 ? positive : negative,
            "stroke-width": (0.75 + (5 * Math.abs(w)) / largest).toFixed(2),
            "stroke-dasharray": w >= 0 ? undefined : "5 3",
            class: "edge",
            tabindex: focusable,
            role: "img",
            "aria-label": text,
            "data-weight": String(w),
            onmouseenter: say(text),
            onfocus: say(text),
          },
          s("title", {}, text),
        );
      }),
    ),
  );
  const nodes = names.flatMap((column, c) =>
    column.map((name, u) => {
      const bias = c === 0 ? undefined : model.layers[c - 1]?.bias?.[u];
      const text = bias === undefined ? name : `${name}: bias ${short(bias)}`;
      return s(
        "g",
        {
          class: c === 0 ? "unit input" : "unit",
          tabindex: bias === undefined ? undefined : focusable,
          role: "img",
          "aria-label": text,
          onmouseenter: say(text),
          onfocus: say(text),
        },
        s("title", {}, text),
        s("circle", { cx: columnX(c), cy: unitY(c, u), r: radius }),
        // Too small to read inside a crowded layer: the title and readout still name the unit.
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
  return h(
    "figure",
    { class: "diagram" },
    s(
      "svg",
      {
        viewBox: `0 0 ${width} ${height}`,
        class: "network",
        role: "group",
        "aria-label": "Network diagram",
      },
      edges,
      nodes,
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
}

/** Every weight and bias as numbers, each cell holding the exact double in data-value. */
export function weightsTables(model: Model): HTMLElement {
  const names = unitNames(model);
  return h(
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
              h(
                "tr",
                {},
                h("th", { scope: "row" }, names[l]?.[i] ?? ""),
                row.map((w) =>
                  h(
                    "td",
                    { class: "num weight", "data-value": String(w), title: String(w) },
                    short(w),
                  ),
                ),
              ),
            ),
            layer.bias
              ? h(
                  "tr",
                  {},
                  h("th", { scope: "row" }, "bias"),
                  layer.bias.map((b) =>
                    h(
                      "td",
                      { class: "num weight", "data-value": String(b), title: String(b) },
                      short(b),
                    ),
                  ),
                )
              : null,
          ),
        ),
      ),
    ),
  );
}
