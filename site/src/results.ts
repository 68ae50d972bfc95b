// What a run comes to (epochs run, why it stopped, final loss, weights hash) and, for a stored
// model, the cards that use it: predict, export and share.
import type { Model, StopReason, TrainResult } from "../../shared/index.ts";
import { h } from "./dom.ts";
import { exportPanel } from "./export-panel.ts";
import { count, loss } from "./format.ts";
import { predictBox } from "./predict-box.ts";
import { card } from "./run-view.ts";
import { sharePanel } from "./share-panel.ts";

const stopReasons: Record<StopReason, string> = {
  epochs: "ran every epoch",
  "target-loss": "reached the target loss",
  diverged: "diverged (the loss or a weight stopped being a number: try a smaller learning rate)",
};

/** The run's end as `train` reports it; `where` says whose run it is. */
export function runFacts(result: TrainResult, where: string): HTMLElement[] {
  return [
    h("p", { class: "run-origin", id: "run-origin" }, where),
    h(
      "dl",
      { class: "summary", id: "run-end" },
      h("div", {}, h("dt", {}, "Epochs run"), h("dd", { id: "epochs-run" }, count(result.epochs))),
      h("div", {}, h("dt", {}, "Final loss"), h("dd", { id: "final-loss" }, loss(result.loss))),
      h(
        "div",
        {},
        h("dt", {}, "Stopped"),
        h(
          "dd",
          { id: "stopped-by", "data-reason": result.stoppedBy },
          stopReasons[result.stoppedBy],
        ),
      ),
      h(
        "div",
        {},
        h("dt", {}, "Weights hash"),
        h("dd", { class: "hash", id: "weights-hash" }, result.weightsHash),
      ),
    ),
  ];
}

/** The cards only a stored model has: predicting through the API, exporting it, its address. */
export function storedCards(model: Model, id: string, deleted: () => void): HTMLElement[] {
  return [
    card("predict-card", "Predict", predictBox(model, id)),
    card("export-card", "Use this model elsewhere", exportPanel(id, model)),
    card("share-card", "Share", sharePanel(id, model.request, deleted)),
  ];
}
