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
import { renderCost } from "./cost-meter.ts";
import { csvPaste } from "./csv-paste.ts";
import { byId, h, replace } from "./dom.ts";
import { clearIssues, type FieldIssue, firstInvalid, showIssues } from "./field-errors.ts";
import { type FormState, formFromRequest, requestFromForm } from "./form-state.ts";
import { percent } from "./format.ts";
import { networkForm } from "./network-form.ts";
import { results } from "./results.ts";
import { modelIdFromPath, modelPathFor } from "./route.ts";
import { tableEditor, tableTools } from "./table-editor.ts";
import { rememberToken } from "./tokens.ts";
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

function setBusy(busy: boolean): void {
  page.train.disabled = busy;
  page.train.textContent = busy ? "Training…" : "Train at the edge";
  page.results.setAttribute("aria-busy", String(busy));
}

function showResult(result: TrainResult, id: string): void {
  replace(
    page.results,
    h("h2", { id: "results-title" }, "Results"),
    results(result, id, () => {
      history.pushState(null, "", "/");
      clearResults();
      page.status.textContent = "The model is deleted.";
    }),
  );
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
  if (verdict.cost > state.limits.maxCost) {
    page.status.textContent = "Nothing was sent: the run is over the budget.";
    page.cost.focus();
    return;
  }
  void send(requestFromForm(state.form));
}

async function loadModel(id: string): Promise<void> {
  replace(
    page.results,
    h("h2", { id: "results-title" }, "Results"),
    h("p", { role: "status" }, "Loading the model…"),
  );
  try {
    const stored = await api.model(id);
    const model = stored.model ?? stored.result.model;
    state.form = formFromRequest(model.request);
    fillPresets("");
    drawForm();
    showResult({ ...stored.result, model }, id);
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
  if (id) void loadModel(id);
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
