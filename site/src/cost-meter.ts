// The run's price, shown while the form is edited: multiply-adds (the core's trainingCost)
// against the budget the server enforces, and what drives it, so "too big" comes with a "why".
import { formatFigure, type Limits, type ResolvedTrainRequest } from "../../shared/index.ts";
import { h, replace } from "./dom.ts";
import { count, percent } from "./format.ts";
import { jobOffer, offerText } from "./job-offer.ts";
import type { Verdict } from "./validate.ts";

/** Epochs × rows × work per row: the three figures a person can change to bring the cost down. */
function breakdown(request: ResolvedTrainRequest, cost: number): string {
  const rows = request.table.inputs.length;
  const perRow = cost / (request.training.epochs * rows);
  return `${count(request.training.epochs)} epochs × ${count(rows)} rows × ≈${count(perRow)} per row`;
}

export function renderCost(
  container: HTMLElement,
  verdict: Verdict,
  limits: Limits,
  budgetKnown: boolean,
) {
  const budget = `${formatFigure(limits.maxCost)}${budgetKnown ? "" : " (default)"}`;
  if (!verdict.ok) {
    container.dataset.state = "unknown";
    replace(
      container,
      h("p", {}, `Cost: fix the marked fields to see it (budget ${budget} multiply-adds).`),
    );
    return;
  }
  const { cost, request, limitIssues } = verdict;
  const over = cost > limits.maxCost;
  // Over the budget but within a job's limits: not a dead end, the button starts a job.
  const offer = over && limitIssues.length === 0 ? jobOffer(request, limits) : null;
  const state = offer?.ok ? "job" : over || limitIssues.length > 0 ? "over" : "ok";
  container.dataset.state = state;
  replace(
    container,
    h(
      "p",
      { class: "cost-line" },
      h(
        "strong",
        {},
        state === "job" ? "A job. " : state === "over" ? "Over the limit. " : "Within budget. ",
      ),
      `Cost ${formatFigure(cost)} of ${budget} multiply-adds (${percent(cost / limits.maxCost)}).`,
    ),
    h("meter", {
      id: "cost-meter",
      min: 0,
      max: limits.maxCost,
      low: limits.maxCost * 0.7,
      high: limits.maxCost * 0.9,
      optimum: 0,
      value: Math.min(cost, limits.maxCost),
      "aria-label": "Cost of the run against the budget",
    }),
    h("p", { class: "hint" }, `Cost = ${breakdown(request, cost)}.`),
    offer?.ok
      ? h(
          "p",
          { class: "job-offer", id: "job-offer" },
          `Cost ${formatFigure(cost)}: ${offerText(offer.plan)}.`,
        )
      : over
        ? h(
            "p",
            { class: "error", id: "over-budget" },
            `Too big to train: cost ${formatFigure(cost)} > ${formatFigure(limits.maxCost)}${offer && !offer.ok ? `, and too big for a job: ${offer.reason}` : ""}. Use fewer epochs, rows or units.`,
          )
        : null,
  );
}
