// The page's wiring: the form's state, judging it as it changes, training, and showing a model
// (just trained, or loaded from /m/{id}).
import {
  defaultLimits,
  type Limits,
  presets,
  type TrainRequest,
  type TrainResult,
} from "../../shared/index.ts";
import { api, NetworkError, ProblemError } from "./api.ts";
import { allCombinations } from "./combinations.ts";
import { continuePanel } from "./continue-panel.ts";
import { renderCost } from "./cost-meter.ts";
import { csvPaste } from "./csv-paste.ts";
import { byId, h, replace } from "./dom.ts";
import { clearIssues, type FieldIssue, firstInvalid, showIssues } from "./field-errors.ts";
import { type FormState, formFromRequest, requestFromForm } from "./form-state.ts";
import { percent } from "./format.ts";
import { type JobAccepted, jobApi } from "./job-api.ts";
import { isJob, rememberJob } from "./job-ids.ts";
import { jobOffer } from "./job-offer.ts";
import { jobPanel } from "./job-panel.ts";
import { networkForm } from "./network-form.ts";
import { results } from "./results.ts";
import { modelIdFromPath, modelPathFor } from "./route.ts";
import { tableEditor, tableTools } from "./table-editor.ts";
import { rememberToken, tokenFor } from "./tokens.ts";
import { validate } from "./validate.ts";

const firstPreset = "xor";

function firstRequest(): TrainRequest {
  const preset = presets[firstPreset] ?? Object.values(presets)[0];
  if (!preset) throw new Error("the core has no presets");
  return preset.request;
}

const page = {
  form: byId<HTMLFormElement>("train-form"),
  preset: byId<HTMLSelectElement>("preset"),
  presetDescription: byId("preset-description"),
  tableTools: byId("table-tools"),
  tableEditor: byId("table-editor"),
  csvPanel: byId("csv-panel"),
  networkForm: byId("network-form"),
  name: byId<HTMLInputElement>("name"),
  cost: byId("cost"),
  train: byId<HTMLButtonElement>("train"),
  status: byId("train-status"),
  trainError: byId("train-error"),
  results: byId("results"),
};

const state: {
  form: FormState;
  limits: Limits;
  budgetKnown: boolean;
  /** After a Train click every problem shows; before it, only those in fields a person has left. */
  revealAll: boolean;
  touched: Set<string>;
  /**
   * Why the last send failed: the server's issues and a message (with Retry when the network
   * failed). Kept until the form changes, so a late re-judge (the limits arriving) cannot wipe it.
   */
  failure: { issues: FieldIssue[]; message: HTMLElement[] } | null;
} = {
  form: formFromRequest(firstRequest()),
  limits: defaultLimits,
  budgetKnown: false,
  revealAll: false,
  touched: new Set(),
  failure: null,
};

/** Redraws part of the form and puts the keyboard focus back where it was (or somewhere close). */
function redraw(draw: () => void, fallbackId: string): void {
  const focused = document.activeElement?.id;
  state.failure = null;
  draw();
  const target =
    (focused && document.getElementById(focused)) || document.getElementById(fallbackId);
  if (focused && target) target.focus();
  judge();
}

const tableEvents = {
  changed: () => judge(),
  reshaped: () => redraw(drawTable, "add-row"),
};
const networkEvents = {
  changed: () => judge(),
  reshaped: () => redraw(drawNetwork, "add-layer"),
};

function drawTable(): void {
  replace(
    page.tableTools,
    tableTools(state.form, tableEvents, () => {
      const problem = allCombinations(state.form, state.limits.maxRows);
      if (problem) replace(byId("error-table"), h("span", {}, problem));
      else tableEvents.reshaped();
    }),
  );
  replace(page.tableEditor, tableEditor(state.form, tableEvents));
}

function drawNetwork(): void {
  replace(page.networkForm, networkForm(state.form, networkEvents));
}

function drawForm(): void {
  drawTable();
  replace(page.csvPanel, csvPaste(state.form, tableEvents.reshaped));
  drawNetwork();
  page.name.value = state.form.name;
  state.revealAll = false;
  state.touched.clear();
  state.failure = null;
  judge();
}

const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** Re-judges the form: the cost meter and the messages beside the fields. */
function judge() {
  const verdict = validate(requestFromForm(state.form), state.limits);
  renderCost(page.cost, verdict, state.limits, state.budgetKnown);
  if (!page.train.disabled) page.train.textContent = trainLabel();
  clearIssues(page.form);
  const issues = verdict.ok ? verdict.limitIssues : verdict.issues;
  const shown = state.revealAll
    ? issues
    : issues.filter((issue) => [...state.touched].some((path) => related(path, issue.path)));
  const homeless = showIssues(page.form, [...shown, ...(state.failure?.issues ?? [])]);
  replace(
    page.trainError,
    state.failure?.message,
    homeless.map((issue) =>
      h("p", {}, issue.path ? `${issue.path}: ${issue.message}` : issue.message),
    ),
  );
  return verdict;
}

function fillPresets(selected: string): void {
  replace(
    page.preset,
    h("option", { value: "" }, "Your own table"),
    Object.entries(presets).map(([key, preset]) =>
      h("option", { value: key, selected: key === selected }, preset.title),
    ),
  );
  page.presetDescription.textContent = presets[selected]?.description ?? "";
}

/** Over one request's budget but within a job's, the button starts a job (see cost-meter.ts). */
const trainLabel = () =>
  page.cost.dataset.state === "job" ? "Run it as a job" : "Train at the edge";

/** The job panel on show, if any: stopped when the page shows something else. */
let watching: { stop: () => void } | null = null;

function setBusy(busy: boolean): void {
  page.train.disabled = busy;
  page.train.textContent = busy ? "Training…" : trainLabel();
  page.results.setAttribute("aria-busy", String(busy));
}

function showResult(result: TrainResult, id: string, parent?: string): void {
  watching?.stop();
  watching = null;
  replace(
    page.results,
    h("h2", { id: "results-title" }, "Results"),
    results(result, id, () => {
      history.pushState(null, "", "/");
      clearResults();
      page.status.textContent = "The model is deleted.";
    }),
    moreTraining(result, id, parent),
  );
}

/** "Train N more epochs" for a model that can go on exactly; a note for one that cannot. */
function moreTraining(result: TrainResult, id: string, parent?: string): HTMLElement {
  if (!(result as { state?: unknown }).state || result.stoppedBy !== "epochs") {
    return h(
      "p",
      { class: "hint", id: "no-continue" },
      result.stoppedBy !== "epochs"
        ? "This run stopped before its last epoch, so there is no run to go on with."
        : "This model was stored before models kept their training state: it cannot go on exactly.",
    );
  }
  return continuePanel(id, result.model, result.epochs, parent, () => state.limits, {
    trained: (continued) => {
      rememberToken(continued.id, continued.deleteToken);
      history.pushState(null, "", modelPathFor(continued.id));
      showResult({ ...continued.result, model: continued.model }, continued.id, continued.parent);
      page.status.textContent = `Trained on to ${continued.result.epochs} epochs.`;
    },
    jobStarted: (accepted) => followJob(accepted),
  });
}

/** A job just accepted: remember its token, move to its address, show its progress. */
function followJob(accepted: JobAccepted): void {
  rememberToken(accepted.id, accepted.deleteToken);
  rememberJob(accepted.id);
  history.pushState(null, "", modelPathFor(accepted.id));
  showJob(accepted.id, accepted.deleteToken);
}

function showJob(id: string, token: string): void {
  watching?.stop();
  const panel = jobPanel(id, token, {
    complete: (done) => {
      page.status.textContent = "The job is complete.";
      void loadModel(done);
    },
    cancelled: () => {
      page.status.textContent = "The job is cancelled; nothing was stored.";
    },
  });
  watching = panel;
  replace(page.results, h("h2", { id: "results-title" }, "Results"), panel.element);
}

async function sendJob(request: TrainRequest): Promise<void> {
  setBusy(true);
  page.status.textContent = "Starting a job…";
  try {
    followJob(await jobApi.start(request));
    page.status.textContent = "The job is running.";
  } catch (error) {
    page.status.textContent = "";
    state.failure = {
      issues: error instanceof ProblemError ? (error.problem.issues ?? []) : [],
      message: [
        h(
          "p",
          {},
          error instanceof ProblemError
            ? `No job was started. ${problemText(error)}`
            : "The server could not be reached, so no job was started.",
        ),
      ],
    };
    judge();
  } finally {
    setBusy(false);
  }
}

function clearResults(): void {
  replace(
    page.results,
    h("h2", { id: "results-title" }, "Results"),
    h("p", { class: "hint", id: "results-empty" }, "Train a model to see its results."),
  );
}

function problemText(error: ProblemError): string {
  const { title, detail, status } = error.problem;
  return `${title}${detail && detail !== title ? `: ${detail}` : ""} (HTTP ${status})`;
}

async function send(request: TrainRequest): Promise<void> {
  setBusy(true);
  state.failure = null;
  replace(page.trainError);
  page.status.textContent = "Training at the edge…";
  try {
    const trained = await api.train(request);
    rememberToken(trained.id, trained.deleteToken);
    history.pushState(null, "", modelPathFor(trained.id));
    showResult({ ...trained.result, model: trained.model }, trained.id);
    page.status.textContent = `Trained: ${percent(trained.result.accuracy)} of rows right.`;
    byId("results").focus();
  } catch (error) {
    page.status.textContent = "";
    if (error instanceof ProblemError) {
      state.revealAll = true;
      state.failure = {
        issues: error.problem.issues ?? [],
        message: [h("p", {}, `Not trained. ${problemText(error)}`)],
      };
      judge();
      firstInvalid(page.form)?.focus();
    } else if (error instanceof NetworkError) {
      state.failure = {
        issues: [],
        message: [
          h(
            "p",
            {},
            "The server could not be reached, so nothing was trained. Check the connection, then retry.",
          ),
          h("button", { type: "button", id: "retry", onclick: () => void send(request) }, "Retry"),
        ],
      };
      judge();
    } else {
      throw error;
    }
  } finally {
    setBusy(false);
  }
}

function submit(): void {
  state.revealAll = true;
  const verdict = judge();
  if (!verdict.ok || verdict.limitIssues.length > 0) {
    page.status.textContent = "Nothing was sent: fix the marked fields first.";
    firstInvalid(page.form)?.focus();
    return;
  }
  if (verdict.cost > state.limits.maxCost && jobOffer(verdict.request, state.limits).ok) {
    void sendJob(requestFromForm(state.form));
    return;
  }
  if (verdict.cost > state.limits.maxCost) {
    page.status.textContent = "Nothing was sent: the run is over the budget.";
    page.cost.focus();
    return;
  }
  void send(requestFromForm(state.form));
}

/** /m/{id} of a job this browser started: its progress while it runs, then its model. */
async function openModelPage(id: string): Promise<void> {
  const token = tokenFor(id);
  if (token && isJob(id)) {
    try {
      const { job } = await jobApi.watch(id, token);
      if (job.status !== "complete") {
        showJob(id, token);
        return;
      }
    } catch {
      // The job has expired or cannot be read: the model, if there is one, is still worth a look.
    }
  }
  await loadModel(id);
}

async function loadModel(id: string): Promise<void> {
  replace(
    page.results,
    h("h2", { id: "results-title" }, "Results"),
    h("p", { role: "status" }, "Loading the model…"),
  );
  try {
    const stored = (await api.model(id)) as Awaited<ReturnType<typeof api.model>> & {
      parent?: string;
    };
    const model = stored.model ?? stored.result.model;
    state.form = formFromRequest(model.request);
    fillPresets("");
    drawForm();
    showResult({ ...stored.result, model }, id, stored.parent);
  } catch (error) {
    const message =
      error instanceof ProblemError && error.problem.status === 404
        ? "There is no model at this address: it may have expired or been deleted."
        : error instanceof ProblemError
          ? problemText(error)
          : "The server could not be reached to load this model.";
    replace(
      page.results,
      h("h2", { id: "results-title" }, "Results"),
      h("p", { class: "error", role: "alert" }, message),
      error instanceof NetworkError
        ? h("button", { type: "button", onclick: () => void loadModel(id) }, "Retry")
        : null,
    );
  }
}

function route(): void {
  const id = modelIdFromPath(location.pathname);
  if (id) void openModelPage(id);
  else clearResults();
}

page.preset.addEventListener("change", () => {
  const preset = presets[page.preset.value];
  page.presetDescription.textContent = preset?.description ?? "";
  if (!preset) return;
  state.form = formFromRequest(preset.request);
  drawForm();
});
// Any edit makes the last failure's messages stale (captured before the fields' own listeners judge).
page.form.addEventListener(
  "input",
  () => {
    state.failure = null;
  },
  true,
);
page.name.addEventListener("input", () => {
  state.form.name = page.name.value;
  judge();
});
// A field a person has left shows its problems from then on; before that, typing "0." is no error.
page.form.addEventListener("change", (event) => {
  const path = (event.target as HTMLElement).dataset.path;
  if (path) state.touched.add(path);
  judge();
});
page.form.addEventListener("submit", (event) => {
  event.preventDefault();
  submit();
});
// Leaving a field reveals its errors, which can push the Train button down between the mouse
// press and release so the click never lands. Pressing the button therefore keeps the focus
// where it is; the submit then judges (and reveals) everything at once.
page.train.addEventListener("mousedown", (event) => event.preventDefault());
page.cost.tabIndex = -1;
addEventListener("popstate", route);

fillPresets(firstPreset);
drawForm();
route();
api
  .health()
  .then((health) => {
    state.limits = health.limits;
    state.budgetKnown = true;
    judge();
  })
  .catch(() => {
    // Without /api/health the page judges against the core's default limits and says so.
  });
