// The loss over the epochs on a log scale: learning shows as a line falling through the decades.
import { s } from "./dom.ts";
import { count, loss as lossText } from "./format.ts";
import { positive } from "./palette.ts";

const width = 400;
const height = 220;
const margin = { left: 52, right: 24, top: 12, bottom: 36 };

/** Round epoch numbers for the x axis: 0, a few steps, the last epoch. */
function epochTicks(last: number): number[] {
  if (last <= 0) return [0];
  const rough = last / 4;
  const step = 10 ** Math.floor(Math.log10(rough));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((m) => m >= rough) ?? rough;
  const ticks: number[] = [];
  for (let t = 0; t <= last; t += nice) ticks.push(t);
  return ticks;
}

export function lossChart(history: [number, number][]): SVGSVGElement {
  // A loss of exactly 0 has no logarithm: it is drawn at the chart's floor.
  const positives = history.map(([, l]) => l).filter((l) => l > 0 && Number.isFinite(l));
  const low = Math.floor(Math.log10(Math.min(...positives, 1)));
  let high = Math.ceil(Math.log10(Math.max(...positives, 1e-12)));
  if (high <= low) high = low + 1;
  const lastEpoch = Math.max(1, ...history.map(([epoch]) => epoch));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (epoch: number) => margin.left + (epoch / lastEpoch) * plotWidth;
  const y = (l: number) => {
    const decade = l > 0 && Number.isFinite(l) ? Math.log10(l) : low;
    return margin.top + ((high - Math.max(low, decade)) / (high - low)) * plotHeight;
  };
  const decades = Array.from({ length: high - low + 1 }, (_, i) => low + i);
  const every = Math.ceil(decades.length / 6);
  const path = history.map(
    ([epoch, l], i) => `${i === 0 ? "M" : "L"}${x(epoch).toFixed(1)},${y(l).toFixed(1)}`,
  );
  const first = history[0]?.[1] ?? Number.NaN;
  const last = history.at(-1)?.[1] ?? Number.NaN;
  return s(
    "svg",
    {
      class: "chart",
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "aria-label": `Loss curve, log scale: from ${lossText(first)} to ${lossText(last)} over ${count(lastEpoch)} epochs`,
    },
    decades
      .filter((d) => (d - low) % every === 0)
      .map((d) =>
        s(
          "g",
          { class: "tick" },
          s("line", {
            x1: margin.left,
            x2: width - margin.right,
            y1: y(10 ** d),
            y2: y(10 ** d),
            class: "grid",
          }),
          s("text", { x: margin.left - 6, y: y(10 ** d) + 4, "text-anchor": "end" }, `1e${d}`),
        ),
      ),
    epochTicks(lastEpoch).map((epoch) =>
      s(
        "text",
        { x: x(epoch), y: height - margin.bottom + 16, "text-anchor": "middle", class: "tick" },
        count(epoch),
      ),
    ),
    s(
      "text",
      {
        x: margin.left + plotWidth / 2,
        y: height - 4,
        "text-anchor": "middle",
        class: "axis-title",
      },
      "epoch",
    ),
    s(
      "text",
      {
        x: 12,
        y: margin.top + plotHeight / 2,
        transform: `rotate(-90 12 ${margin.top + plotHeight / 2})`,
        "text-anchor": "middle",
        class: "axis-title",
      },
      "loss",
    ),
    s("rect", {
      x: margin.left,
      y: margin.top,
      width: plotWidth,
      height: plotHeight,
      class: "frame",
    }),
    s("path", {
      d: path.join(""),
      class: "loss-line",
      stroke: positive,
      "data-points": history.length,
    }),
  );
}
