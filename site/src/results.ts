// Everything about one trained model, in the order a person asks: did it learn, how, what does it
// look like inside, how does one step of learning go, and how to use and share it.
import type { StopReason, TrainResult } from "../../shared/index.ts";
import { decisionMap } from "./decision-map.ts";
import { type Child, h } from "./dom.ts";
import { exportPanel } from "./export-panel.ts";
import { count, loss, percent } from "./format.ts";
import { lossChart } from "./loss-chart.ts";
import { networkDiagram, weightsTables } from "./network-diagram.ts";
import { predictBox } from "./predict-box.ts";
import { predictionsTable } from "./predictions-table.ts";
import { sharePanel } from "./share-panel.ts";
import { stepView } from "./step-view.ts";

const stopReasons: Record<StopReason, string> = {
  epochs: "ran every epoch",
  "target-loss": "reached the target loss",
  diverged: "diverged (the loss or a weight stopped being a number: try a smaller learning rate)",
};

function card(id: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    "section",
    { class: "card", id, "aria-labelledby": `${id}-title` },
    h("h3", { id: `${id}-title` }, title),
    children,
  );
}

export function results(result: TrainResult, id: string, deleted: () => void): HTMLElement[] {
  const model = result.model;
  const table = model.request.table;
  // The schema's inferred output type drops the optional name; the JSON has it when it was given.
  const name = (model.request as { name?: string }).name;
  const summary = h(
    "dl",
    { class: "summary", id: "summary" },
    h("div", {}, h("dt", {}, "Accuracy"), h("dd", { id: "accuracy" }, percent(result.accuracy))),
    h("div", {}, h("dt", {}, "Final loss"), h("dd", { id: "final-loss" }, loss(result.loss))),
    h("div", {}, h("dt", {}, "Epochs"), h("dd", { id: "epochs-run" }, count(result.epochs))),
    h(
      "div",
      {},
      h("dt", {}, "Stopped"),
      h("dd", { id: "stopped-by", "data-reason": result.stoppedBy }, stopReasons[result.stoppedBy]),
    ),
    h("div", {}, h("dt", {}, "Weights hash"), h("dd", { class: "hash" }, result.weightsHash)),
  );
  return [
    card("result-card", name ? `Result: ${name}` : "Result", summary, lossChart(result.history)),
    card("predictions-card", "Predictions", predictionsTable(table, result.predictions)),
    card(
      "network-card",
      "Network",
      networkDiagram(model),
      h("details", {}, h("summary", {}, "Weights as numbers"), weightsTables(model)),
    ),
    card("decision-card", "Decision map", decisionMap(model)),
    card("step-card", "Backprop, step by step", stepView(model)),
    card("predict-card", "Predict", predictBox(model, id)),
    card("export-card", "Use this model elsewhere", exportPanel(id, model)),
    card("share-card", "Share", sharePanel(id, model.request, deleted)),
  ];
}
