// One map's pixels from one unit's values over the grid: the diverging palette looked up from a
// table made once, so painting a map at 60 frames a second allocates nothing.
import { layerOutputs, type Model } from "../../shared/index.ts";
import { diverging } from "./palette.ts";

/** A map is cells × cells pixels over [0,1]², row 0 at the top (x₂ = 1). */
export const cells = 100;
/** While a run plays, the grid has a point every other pixel each way: a quarter of the work. */
export const playingPoints = cells / 2;

/** Every layer's activations at points × points grid points (`gridPass`). */
export type Grid = { points: number; layers: Float64Array[] };

const levels = 256;
const table = new Uint8ClampedArray(levels * 3);
for (let k = 0; k < levels; k++) table.set(diverging(k / (levels - 1)), k * 3);

const grids = new Map<number, Float64Array>();

/** The centres of a points × points grid's squares, row-major, two inputs per point. */
function gridInputs(points: number): Float64Array {
  let grid = grids.get(points);
  if (!grid) {
    grid = new Float64Array(points * points * 2);
    for (let row = 0; row < points; row++) {
      for (let column = 0; column < points; column++) {
        const k = (row * points + column) * 2;
        grid[k] = (column + 0.5) / points;
        grid[k + 1] = 1 - (row + 0.5) / points;
      }
    }
    grids.set(points, grid);
  }
  return grid;
}

/** Every layer's activations over the grid, in one batched forward pass of the core. */
export function gridPass(model: Model, points: number = cells): Grid {
  return { points, layers: layerOutputs(model, gridInputs(points), points * points) };
}

/**
 * Paints unit `unit` of a layer with `units` units over a grid of `points` × `points`:
 * `values[point * units + unit]` from `low` (orange) through the middle (near-white) to `high`
 * (blue), each point a square of (cells / points)² pixels.
 */
export function paint(
  image: ImageData,
  values: Float64Array,
  units: number,
  unit: number,
  low: number,
  high: number,
  points: number = cells,
): void {
  const data = image.data;
  const span = high > low ? high - low : 1;
  const scale = cells / points;
  for (let row = 0; row < points; row++) {
    for (let column = 0; column < points; column++) {
      const t = ((values[(row * points + column) * units + unit] as number) - low) / span;
      const level = Number.isFinite(t)
        ? Math.round(Math.min(1, Math.max(0, t)) * (levels - 1))
        : 128;
      const red = table[level * 3] as number;
      const green = table[level * 3 + 1] as number;
      const blue = table[level * 3 + 2] as number;
      for (let dy = 0; dy < scale; dy++) {
        let at = ((row * scale + dy) * cells + column * scale) * 4;
        for (let dx = 0; dx < scale; dx++, at += 4) {
          data[at] = red;
          data[at + 1] = green;
          data[at + 2] = blue;
          data[at + 3] = 255;
        }
      }
    }
  }
}

/** The lowest and highest value of one unit over the grid. */
export function extent(values: Float64Array, units: number, unit: number): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let p = unit; p < values.length; p += units) {
    const v = values[p] as number;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return [low, high];
}
