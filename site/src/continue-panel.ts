// "Train N more epochs" on a stored model, and the chain it belongs to (each model's parent,
// walked back). Within one request's budget it trains at once; over it, it starts a job.
import {
  continuedRequest,
  formatFigure,
  type Limits,
  type Model,
  resolveRequest,
  trainingCost,
} from "../../shared/index.ts";
import { api, ProblemError } from "./api.ts";
import { h, replace } from "./dom.ts";
import { count } from "./format.ts";
import { type Continued, type JobAccepted, jobApi } from "./job-api.ts";
import { jobOffer, offerText } from "./job-offer.ts";

export type ContinueEvents = {
  trained: (continued: Continued) => void;
  jobStarted: (accepted: JobAccepted) => void;
};

/** The chain back from `parent`: at most 20 links, each a model's id and its epochs. */
async function walkBack(parent: string | undefined, into: HTMLElement): Promise<void> {
  const links: HTMLElement[] = [];
  let next = parent;
  while (next && links.length < 20) {
    const id = next;
    try {
      const stored = (await api.model(id)) as { result: { epochs: number }; parent?: string };
      links.push(
        h("li", {}, h("a", { href: `/m/${id}` }, id), ` (${count(stored.result.epochs)} epochs)`),
      );
      next = stored.parent;
    } catch {
      links.push(h("li", {}, `${id} (expired or deleted)`));
      next = undefined;
    }
  }
  replace(into, links.length > 0 ? h("ol", { id: "chain-list" }, links) : null);
}

export function continuePanel(
  id: string,
  model: Model,
  epochsDone: number,
  parent: string | undefined,
  limits: () => Limits,
  events: ContinueEvents,
): HTMLElement {
  const field = h("input", {
    type: "number",
    id: "more-epochs",
    min: 1,
    step: 1,
    value: String(
      model.request.training.epochs > 0 ? Math.min(model.request.training.epochs, 100_000) : 1000,
    ),
    "aria-describedby": "more-cost",
  });
  const cost = h("p", { id: "more-cost", class: "hint" });
  const button = h("button", { type: "submit", id: "train-more" }, "Train more epochs");
  const message = h("p", { id: "more-status", role: "status" });
  const chain = h("div", { id: "chain" });

  const epochs = () => Number(field.value);
  function judge() {
    const n = epochs();
    if (!Number.isInteger(n) || n < 1) {
      cost.textContent = "Enter a whole number of epochs, 1 or more.";
      button.disabled = true;
      return null;
    }
    button.disabled = false;
    const request = resolveRequest(continuedRequest(model.request, n));
    const price = trainingCost(request);
    button.textContent = `Train ${count(n)} more epochs`;
    if (price <= limits().maxCost) {
      cost.textContent = `Cost ${formatFigure(price)} multiply-adds: one request.`;
      return { kind: "request" as const, n };
    }
    const offer = jobOffer(request, limits());
    if (offer.ok) {
      cost.textContent = `Cost ${formatFigure(price)}: ${offerText(offer.plan)}.`;
      button.textContent = `Train ${count(n)} more epochs as a job`;
      return { kind: "job" as const, n };
    }
    cost.textContent = `Too big, even for a job: ${offer.reason}.`;
    button.disabled = true;
    return null;
  }

  async function submit(event: Event) {
    event.preventDefault();
    const plan = judge();
    if (!plan) return;
    button.disabled = true;
    message.textContent = plan.kind === "job" ? "Starting a job…" : "Training…";
    try {
      if (plan.kind === "job") events.jobStarted(await jobApi.start({ from: id, epochs: plan.n }));
      else events.trained(await jobApi.more(id, plan.n));
    } catch (error) {
      message.textContent =
        error instanceof ProblemError
          ? `Not trained: ${error.problem.detail ?? error.problem.title}`
          : "The server could not be reached; nothing was trained.";
      button.disabled = false;
    }
  }

  field.addEventListener("input", judge);
  judge();
  void walkBack(parent, chain);
  return h(
    "section",
    { class: "card", id: "continue-card", "aria-labelledby": "continue-card-title" },
    h("h3", { id: "continue-card-title" }, "Train more"),
    h(
      "p",
      { class: "hint" },
      `Goes on from epoch ${count(epochsDone)} exactly where this run stopped, as one longer run would, and keeps the result as a new model.`,
    ),
    h(
      "form",
      { id: "continue-form", onsubmit: (event: Event) => void submit(event) },
      h("label", { for: "more-epochs" }, "More epochs"),
      " ",
      field,
      " ",
      button,
    ),
    cost,
    message,
    parent ? h("h4", {}, "Trained on from") : null,
    chain,
  );
}
