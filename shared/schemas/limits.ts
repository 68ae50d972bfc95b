// What one run may ask for. A Worker cannot stop a run by the clock (its timers stand still while
// it computes), so every run is priced before it starts and refused when it is over.
export type Limits = {
  maxRows: number;
  maxInputs: number;
  maxOutputs: number;
  maxHiddenLayers: number;
  maxUnits: number;
  maxEpochs: number;
  /** The price of the whole run in multiply-adds, as `trainingCost` counts them (shared/training/cost.ts). */
  maxCost: number;
};

export const defaultLimits: Limits = {
  maxRows: 256,
  maxInputs: 16,
  maxOutputs: 16,
  maxHiddenLayers: 4,
  maxUnits: 64,
  maxEpochs: 100_000,
  // About 10 ms of CPU (a Worker's budget per request on the free plan) for the slowest run the
  // budget lets through: `npm run bench:budget` times the largest allowed run of 444 shapes and
  // settings, at most 0.81–0.9 ns per cost unit on a 2-core AMD EPYC (recommends 1.1–1.2e7).
  maxCost: 11_000_000,
};

export type LimitName = Exclude<keyof Limits, never>;

/** A request over a limit: carries the figure, the limit and the request field it comes from. */
export class LimitError extends Error {
  readonly limit: keyof Limits;
  readonly figure: number;
  readonly allowed: number;
  readonly path: string;
  constructor(limit: keyof Limits, figure: number, allowed: number, path: string, what: string) {
    super(`${what} ${formatFigure(figure)} > ${formatFigure(allowed)}`);
    this.name = "LimitError";
    this.limit = limit;
    this.figure = figure;
    this.allowed = allowed;
    this.path = path;
  }
}

/** 310000000 → "3.1e8": short enough to read in an error message, exact for small numbers. */
export function formatFigure(n: number): string {
  if (Math.abs(n) < 100_000) return String(n);
  return n
    .toExponential(2)
    .replace(/\.?0+e/, "e")
    .replace("e+", "e");
}
