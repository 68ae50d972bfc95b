// For two inputs, a small map inside every hidden unit of the diagram, as TensorFlow's
// Playground draws them: the unit's activation over [0,1]² at the epoch shown, from the same
// batched forward pass over the grid as the decision map.
import type { Model } from "../../shared/index.ts";
import { h } from "./dom.ts";
import { cells, extent, type Grid, paint } from "./heat-image.ts";
import type { NetworkDiagram } from "./network-diagram.ts";

const percent = (fraction: number) => `${(100 * fraction).toFixed(3)}%`;

export type UnitMaps = { show(grid: Grid): void };

/** The range an activation's output spans, or undefined when it is open (scaled to the grid). */
const ranges: Partial<Record<string, [number, number]>> = {
  sigmoid: [0, 1],
  tanh: [-1, 1],
};

/** Adds the maps over the diagram's hidden units; undefined when the table has not 2 inputs. */
export function unitMaps(model: Model, diagram: NetworkDiagram): UnitMaps | undefined {
  if ((model.layers[0]?.weights.length ?? 0) !== 2 || diagram.hiddenUnits.length === 0) {
    return undefined;
  }
  const frame = diagram.element.querySelector(".network-frame");
  if (!frame) return undefined;
  const maps = diagram.hiddenUnits.map((place) => {
    const canvas = h("canvas", {
      width: cells,
      height: cells,
      class: "unit-map",
      "data-layer": place.layer,
      "data-unit": place.unit,
      "aria-hidden": "true",
      style: `left: ${percent(place.x - place.width / 2)}; top: ${percent(place.y - place.height / 2)}; width: ${percent(place.width)}; height: ${percent(place.height)}`,
    });
    const context = canvas.getContext("2d");
    return { place, canvas, context, image: context?.createImageData(cells, cells) };
  });
  frame.append(...maps.map((map) => map.canvas));

  function show(grid: Grid): void {
    for (const { place, context, image } of maps) {
      const values = grid.layers[place.layer];
      if (!context || !image || !values) continue;
      const units = model.layers[place.layer]?.weights[0]?.length ?? 1;
      const [low, high] =
        ranges[model.layers[place.layer]?.activation ?? ""] ?? extent(values, units, place.unit);
      paint(image, values, units, place.unit, low, high, grid.points);
      context.putImageData(image, 0, 0);
    }
  }
  return { show };
}
