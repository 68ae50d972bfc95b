// One map's pixels from one unit's values over the grid: the diverging palette looked up from a
// table made once, so painting a map at 60 frames a second allocates nothing.
import { layerOutputs, type Model } from "../../shared/index.ts";
import { diverging } from "./palette.ts";

/** The grid is cells × cells points in [0,1]², row 0 at the top (x₂ = 1). */
export const cells = 100;

const levels = 256;
const table = new Uint8ClampedArray(levels * 3);
for (let k = 0; k < levels; k++) table.set(diverging(k / (levels - 1)), k * 3);

let grid: Float64Array | undefined;

/** The centres of the grid's cells, row-major, two inputs per point. */
function gridInputs(): Float64Array {
  if (!grid) {
    grid = new Float64Array(cells * cells * 2);
    for (let row = 0; row < cells; row++) {
      for (let column = 0; column < cells; column++) {
        const k = (row * cells + column) * 2;
        grid[k] = (column + 0.5) / cells;
        grid[k + 1] = 1 - (row + 0.5) / cells;
      }
    }
  }
  return grid;
}

/** Every layer's activations over the grid, in one batched forward pass of the core. */
export function gridPass(model: Model): Float64Array[] {
  return layerOutputs(model, gridInputs(), cells * cells);
}

/**
 * Paints unit `unit` of a layer with `units` units: `values[point * units + unit]` from `low`
 * (orange) through the middle (near-white) to `high` (blue).
 */
export function paint(
  image: ImageData,
  values: Float64Array,
  units: number,
  unit: number,
  low: number,
  high: number,
): void {
  const data = image.data;
  const span = high > low ? high - low : 1;
  const points = cells * cells;
  for (let p = 0; p < points; p++) {
    const t = ((values[p * units + unit] as number) - low) / span;
    const level = Number.isFinite(t) ? Math.round(Math.min(1, Math.max(0, t)) * (levels - 1)) : 128;
    const at = p * 4;
    data[at] = table[level * 3] as number;
    data[at + 1] = table[level * 3 + 1] as number;
    data[at + 2] = table[level * 3 + 2] as number;
    data[at + 3] = 255;
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
