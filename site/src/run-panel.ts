// The results area: always one run on its timeline. For the form as it is, a preview computed in
// the browser (nothing sent); for a stored model, its own request replayed, checked against the
// weights the edge stored. Everything a later answer adds goes below what is already there, and
// the space for the run's facts is reserved, so nothing on screen moves when it arrives.
import type { Limits, Model, ResolvedTrainRequest, TrainResult } from "../../shared/index.ts";
import { h, replace } from "./dom.ts";
import { edgeCheck } from "./edge-check.ts";
import { requestKey } from "./request-key.ts";
import { runFacts, storedCards } from "./results.ts";
import { type RunView, runView } from "./run-view.ts";

/** A preview may take the browser this many times the edge's budget for one request. */
export const previewBudgetFactor = 50;
/** Typing settles for this long before the preview starts again. */
const previewDelay = 250;

export type RunPanel = {
  /** The form's request (resolved), or why there is none to preview. */
  preview(request: ResolvedTrainRequest | string, limits: Limits): void;
  /** A model the edge stored, just trained (`trained`) or opened at its address. */
  stored(
    result: TrainResult & { model: Model },
    id: string,
    how: "trained" | "opened",
    limits: Limits,
    deleted: () => void,
    /** More below the stored model's own cards (going on with its training, say). */
    more?: HTMLElement[],
  ): void;
  /** A message in place of any run (loading, not found). */
  message(...children: HTMLElement[]): void;
  readonly view: RunView | undefined;
};

export function runPanel(container: HTMLElement): RunPanel {
  const heading = () => h("h2", { id: "results-title" }, "Results");
  const origin = h("p", { class: "hint results-origin", id: "results-origin" });
  let view: RunView | undefined;
  let key = "";
  let timer = 0;
  let storedElements: HTMLElement[] = [];

  function dropStored(): void {
    for (const element of storedElements) element.remove();
    storedElements = [];
    delete container.dataset.model;
  }

  function take(next: RunView | undefined, nextKey: string): void {
    stopFacts();
    view?.destroy();
    view = next;
    key = nextKey;
  }

  /** Stops the preview's facts from filling in (a stored model's facts replace them). */
  let stopFacts = () => {};

  function facts(where: string): void {
    if (!view) return;
    const shown = view;
    const fill = () => {
      if (shown.replay.result) replace(shown.facts, runFacts(shown.replay.result, where));
    };
    fill();
    const stop = shown.replay.listen(() => {
      fill();
      if (shown.replay.done) stop();
    });
    stopFacts = () => {
      stop();
    };
  }

  function startPreview(request: ResolvedTrainRequest, limits: Limits): void {
    const previewLimits = { ...limits, maxCost: limits.maxCost * previewBudgetFactor };
    dropStored();
    take(runView(request, previewLimits, { autoplay: true, start: "first" }), requestKey(request));
    origin.textContent =
      "A preview of the form, computed in your browser: nothing is sent until you press Train at the edge.";
    replace(container, heading(), origin, view?.elements);
    facts("Preview: computed in your browser, not stored.");
  }

  return {
    get view() {
      return view;
    },
    preview(request, limits) {
      clearTimeout(timer);
      if (typeof request === "string") {
        if (view) origin.textContent = `The form has changed: ${request}`;
        else replace(container, heading(), h("p", { class: "hint", id: "results-empty" }, request));
        return;
      }
      if (requestKey(request) === key) return;
      // The first preview is drawn at once; later ones wait for the typing to settle.
      if (!view) startPreview(request, limits);
      else timer = window.setTimeout(() => startPreview(request, limits), previewDelay);
    },
    stored(result, id, how, limits, deleted, more = []) {
      clearTimeout(timer);
      const request = result.model.request;
      const same = view !== undefined && requestKey(request) === key;
      // The edge's own weights are shown at once; the replay catches up behind them.
      const end = { epoch: result.epochs, batch: 0, loss: result.loss, model: result.model };
      if (!same) {
        const previewLimits = { ...limits, maxCost: limits.maxCost * previewBudgetFactor };
        take(
          runView(request, previewLimits, { autoplay: false, start: "last" }, undefined, end),
          requestKey(request),
        );
        replace(container, heading(), origin, view?.elements);
      } else {
        view?.timeline.showNow(end);
      }
      stopFacts();
      const shown = view as RunView;
      origin.textContent =
        how === "trained"
          ? "Trained and stored at the edge; the timeline replays the same run in your browser."
          : "A stored model; the timeline replays its run in your browser.";
      replace(
        shown.facts,
        runFacts(result, `Stored at the edge as ${id}.`),
        edgeCheck(
          shown.replay,
          result.weightsHash,
          how === "trained" && same ? "your preview" : "the replay in your browser",
        ),
      );
      dropStored();
      storedElements = [...storedCards(result.model, id, deleted), ...more];
      container.append(...storedElements);
      container.dataset.model = id;
    },
    message(...children) {
      clearTimeout(timer);
      take(undefined, "");
      dropStored();
      replace(container, heading(), children);
    },
  };
}
