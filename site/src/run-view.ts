// Every view of one run, following the epoch the timeline shows: the summary and loss curve, the
// predictions, the network (with a map in every hidden unit for 2-input tables), the decision map
// and one backprop step from that epoch's weights.
import { evaluate, initialModel, type Limits, type TrainRequest } from "../../shared/index.ts";
import { decisionMap } from "./decision-map.ts";
import { type Child, h, setText } from "./dom.ts";
import { loss, percent } from "./format.ts";
import { cells, gridPass, playingPoints } from "./heat-image.ts";
import { lossChart } from "./loss-chart.ts";
import { networkDiagram, weightsTables } from "./network-diagram.ts";
import { predictionsTable } from "./predictions-table.ts";
import { type Frame, Replay } from "./replay.ts";
import { stepView } from "./step-view.ts";
import { pointLabel, type Timeline, type TimelineOptions, timeline } from "./timeline.ts";
import { unitMaps } from "./unit-maps.ts";

export function card(id: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    "section",
    { class: "card", id, "aria-labelledby": `${id}-title` },
    h("h3", { id: `${id}-title` }, title),
    children,
  );
}

export type RunView = {
  replay: Replay;
  timeline: Timeline;
  /** The timeline and the cards, in page order. */
  elements: HTMLElement[];
  /** Where a run's facts go once they are known (the stored model's, the edge's check). */
  facts: HTMLElement;
  destroy(): void;
};

export function runView(
  request: TrainRequest,
  limits: Limits,
  options: TimelineOptions,
  replay: Replay = new Replay(request, limits),
  /** Shown first instead of epoch 0 (a stored model's own weights, at its last epoch). */
  first?: Frame,
): RunView {
  const start = initialModel(request, limits);
  // Known at once on this side; the worker's "started" says the same a moment later.
  if (replay.epochs === 0) replay.epochs = start.request.training.epochs;
  const table = start.request.table;
  const rows = table.inputs.length;
  replay.batches = Math.ceil(rows / Math.min(rows, start.request.training.batchSize));
  const twoInputs = (table.inputs[0]?.length ?? 0) === 2;
  const epochShown = h("dd", { id: "epoch-shown" }, "0");
  const lossShown = h("dd", { id: "loss-shown" }, "–");
  const accuracy = h("dd", { id: "accuracy" }, "–");
  const facts = h("div", { class: "run-facts", id: "run-facts" });
  const summary = h(
    "dl",
    { class: "summary", id: "summary" },
    h("div", {}, h("dt", {}, "Epoch shown"), epochShown),
    h("div", {}, h("dt", {}, "Loss"), lossShown),
    h("div", {}, h("dt", {}, "Accuracy"), accuracy),
  );
  const chart = lossChart();
  const predictions = predictionsTable(table);
  const diagram = networkDiagram(start);
  const maps = unitMaps(start, diagram);
  const weights = weightsTables(start);
  const decision = decisionMap(start);
  const step = stepView(start);

  function draw(frame: Frame, playing: boolean): void {
    const started = performance.now();
    const evaluation = evaluate(frame.model);
    setText(epochShown, pointLabel(frame.epoch, frame.batch, replay.batches));
    setText(lossShown, loss(frame.loss));
    lossShown.dataset.value = String(frame.loss);
    setText(accuracy, percent(evaluation.accuracy));
    chart.mark(frame.epoch + frame.batch / replay.batches, frame.loss, playing);
    predictions.show(evaluation.predictions);
    diagram.show(frame.model);
    weights.show(frame.model);
    if (twoInputs) {
      // While playing, a coarser grid: the maps move too fast to see their finest squares.
      const grid = gridPass(frame.model, playing ? playingPoints : cells);
      maps?.show(grid);
      if (!(decision instanceof HTMLElement)) decision.show(grid);
    }
    // The step view is a large table of numbers: while playing it waits for the pause.
    if (!playing) step.show(frame.model);
    // The main thread's time per drawn epoch, for `npm run bench:site` (a User Timing measure).
    performance.measure("timeline-draw", { start: started });
  }

  const curve = () => ({ epochs: replay.frameEpochs, losses: replay.losses, count: replay.count });
  chart.draw(
    { epochs: [0], losses: [evaluate(start).loss], count: 1 },
    replay.epochs || start.request.training.epochs,
  );
  const stopListening = replay.listen(() => {
    if (replay.count > 0) chart.draw(curve(), replay.lastEpoch);
  });
  const line = timeline(
    replay,
    first ?? { epoch: 0, batch: 0, loss: evaluate(start).loss, model: start },
    draw,
    options,
  );
  // The schema's inferred output type drops the optional name; the JSON has it when it was given.
  const name = (start.request as { name?: string }).name;
  return {
    replay,
    timeline: line,
    facts,
    elements: [
      line.element,
      card("result-card", name ? `Run: ${name}` : "Run", summary, chart.element, facts),
      card("predictions-card", "Predictions", predictions.element),
      card(
        "network-card",
        "Network",
        diagram.element,
        h("details", {}, h("summary", {}, "Weights as numbers"), weights.element),
      ),
      card(
        "decision-card",
        "Decision map",
        decision instanceof HTMLElement ? decision : decision.element,
      ),
      card("step-card", "Backprop, step by step", step.element),
    ],
    destroy() {
      stopListening();
      line.destroy();
      replay.close();
    },
  };
}
