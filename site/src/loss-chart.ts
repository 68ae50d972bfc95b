// The loss over the epochs on a log scale: learning shows as a line falling through the decades.
// A marker follows the epoch shown; while the run plays, the line is drawn only up to it.
import { s } from "./dom.ts";
import { count, loss as lossText } from "./format.ts";
import { positive } from "./palette.ts";

const width = 400;
const height = 220;
const margin = { left: 52, right: 24, top: 12, bottom: 36 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;
/** The line is drawn through at most this many points, whatever the number of epochs. */
const maxPoints = 400;

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

export type Curve = { epochs: ArrayLike<number>; losses: ArrayLike<number>; count: number };

export type LossChart = {
  element: SVGSVGElement;
  /** Draws the curve (again, when more of it is known) against an x axis up to `lastEpoch`. */
  draw(curve: Curve, lastEpoch: number): void;
  /** Puts the marker at `epoch`; with `growing`, the line stops there. */
  mark(epoch: number, loss: number, growing: boolean): void;
};

export function lossChart(): LossChart {
  const element = s("svg", {
    class: "chart",
    id: "loss-chart",
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": "Loss curve",
  });
  const axes = s("g", {});
  const clip = s("clipPath", { id: "loss-clip" });
  const clipRect = s("rect", { x: 0, y: 0, width, height });
  clip.append(clipRect);
  const future = s("path", {
    class: "loss-line-future",
    stroke: positive,
    "aria-hidden": "true",
  });
  const line = s("path", {
    class: "loss-line",
    stroke: positive,
    "clip-path": "url(#loss-clip)",
    "data-points": 0,
  });
  const markerLine = s("line", {
    class: "epoch-marker",
    y1: margin.top,
    y2: height - margin.bottom,
  });
  const markerDot = s("circle", { class: "epoch-dot", r: 4, fill: positive });
  element.append(s("defs", {}, clip), axes, future, line, markerLine, markerDot);

  let x = (_epoch: number) => margin.left;
  let y = (_loss: number) => margin.top + plotHeight;
  let range = "";

  function draw(curve: Curve, lastEpoch: number): void {
    const n = curve.count;
    let least = Number.POSITIVE_INFINITY;
    let most = 0;
    for (let k = 0; k < n; k++) {
      const l = curve.losses[k] as number;
      if (l > 0 && Number.isFinite(l)) {
        least = Math.min(least, l);
        most = Math.max(most, l);
      }
    }
    // A loss of exactly 0 has no logarithm: it is drawn at the chart's floor.
    const low = Math.floor(Math.log10(Math.min(least, 1)));
    let high = Math.ceil(Math.log10(Math.max(most, 1e-12)));
    if (high <= low) high = low + 1;
    const end = Math.max(1, lastEpoch);
    x = (epoch) => margin.left + (epoch / end) * plotWidth;
    y = (l) => {
      const decade = l > 0 && Number.isFinite(l) ? Math.log10(l) : low;
      return margin.top + ((high - Math.max(low, decade)) / (high - low)) * plotHeight;
    };
    const key = `${low} ${high} ${end}`;
    if (key !== range) {
      range = key;
      const decades = Array.from({ length: high - low + 1 }, (_, i) => low + i);
      const every = Math.ceil(decades.length / 6);
      axes.replaceChildren(
        ...decades
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
        ...epochTicks(end).map((epoch) =>
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
      );
    }
    const step = Math.max(1, Math.ceil(n / maxPoints));
    let path = "";
    for (let k = 0; k < n; k += step) {
      path += `${k === 0 ? "M" : "L"}${x(curve.epochs[k] as number).toFixed(1)},${y(curve.losses[k] as number).toFixed(1)}`;
    }
    if (n > 1 && (n - 1) % step !== 0) {
      path += `L${x(curve.epochs[n - 1] as number).toFixed(1)},${y(curve.losses[n - 1] as number).toFixed(1)}`;
    }
    line.setAttribute("d", path);
    future.setAttribute("d", path);
    line.setAttribute("data-points", String(n));
    const first = n > 0 ? (curve.losses[0] as number) : Number.NaN;
    const last = n > 0 ? (curve.losses[n - 1] as number) : Number.NaN;
    element.setAttribute(
      "aria-label",
      `Loss curve, log scale: from ${lossText(first)} to ${lossText(last)} over ${count(n > 0 ? (curve.epochs[n - 1] as number) : 0)} epochs`,
    );
  }

  function mark(epoch: number, loss: number, growing: boolean): void {
    const at = x(epoch);
    clipRect.setAttribute("width", String(growing ? at + 1 : width));
    future.style.visibility = growing ? "hidden" : "visible";
    markerLine.setAttribute("x1", at.toFixed(1));
    markerLine.setAttribute("x2", at.toFixed(1));
    markerDot.setAttribute("cx", at.toFixed(1));
    markerDot.setAttribute("cy", y(loss).toFixed(1));
    element.dataset.epoch = String(epoch);
  }

  return { element, draw, mark };
}

/** A whole curve of `[epoch, loss]` points, drawn once with no marker (a job's progress, say). */
export function historyChart(history: [number, number][]): SVGSVGElement {
  const chart = lossChart();
  const epochs = history.map(([epoch]) => epoch);
  chart.draw(
    { epochs, losses: history.map(([, l]) => l), count: history.length },
    Math.max(1, ...epochs),
  );
  chart.element.querySelectorAll(".epoch-marker, .epoch-dot").forEach((mark) => {
    mark.remove();
  });
  return chart.element;
}
