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
import { requestKey } from "./request-key.ts";
import { modelIdFromPath, modelPathFor } from "./route.ts";
import { previewBudgetFactor, runPanel } from "./run-panel.ts";
import { tableEditor, tableTools } from "./table-editor.ts";
import { rememberToken, tokenFor } from "./tokens.ts";
import { hashFor, readHash } from "./url-form.ts";
import { type Verdict, validate } from "./validate.ts";

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
  /** At /m/{id}: the stored model's request, once loaded (the form showing it is no new preview). */
  storedRequest: string | undefined;
} = {
  form: formFromRequest(firstRequest()),
  limits: defaultLimits,
  budgetKnown: false,
  revealAll: false,
  touched: new Set(),
  failure: null,
  storedRequest: undefined,
};
const panel = runPanel(page.results);
/** The address the page last routed or wrote itself. */
let routed = "";

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
  follow(verdict);
  return verdict;
}

/**
 * The address and the results follow the form: "/" keeps the form in its hash and previews it;
 * a stored model's page stays as it is until the form stops being that model's, then becomes "/".
 */
function follow(verdict: Verdict): void {
  const atModel = modelIdFromPath(location.pathname) !== undefined;
  const request = requestFromForm(state.form);
  const key = verdict.ok ? requestKey(verdict.request) : undefined;
  if (atModel) {
    if (state.storedRequest === undefined || key === state.storedRequest) return;
    state.storedRequest = undefined;
    history.pushState(null, "", `/${hashFor(request)}`);
  } else {
    history.replaceState(null, "", `/${hashFor(request)}`);
  }
  routed = location.href;
  if (!verdict.ok || verdict.limitIssues.length > 0) {
    panel.preview("fix the marked fields to see its preview.", state.limits);
  } else if (verdict.cost > state.limits.maxCost * previewBudgetFactor) {
    panel.preview(
      `the run is too long to preview in the browser (over ${previewBudgetFactor} times the edge's budget).`,
      state.limits,
    );
  } else {
    panel.preview(verdict.request, state.limits);
  }
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
    state.storedRequest = requestKey(trained.model.request);
    history.pushState(null, "", modelPathFor(trained.id));
    showStored({ ...trained.result, model: trained.model }, trained.id, "trained");
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

function showStored(
  result: Parameters<typeof panel.stored>[0],
  id: string,
  how: "trained" | "opened",
  parent?: string,
): void {
  watching?.stop();
  watching = null;
  panel.stored(
    result,
    id,
    how,
    state.limits,
    () => {
      state.storedRequest = undefined;
      history.pushState(null, "", "/");
      judge();
      page.status.textContent = "The model is deleted.";
    },
    [moreTraining(result, id, parent)],
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
      state.storedRequest = requestKey(continued.model.request);
      history.pushState(null, "", modelPathFor(continued.id));
      showStored(
        { ...continued.result, model: continued.model },
        continued.id,
        "trained",
        continued.parent,
      );
      page.status.textContent = `Trained on to ${continued.result.epochs} epochs.`;
    },
    jobStarted: (accepted) => followJob(accepted),
  });
}

/** A job just accepted: remember its token, move to its address, show its progress. */
function followJob(accepted: JobAccepted): void {
  rememberToken(accepted.id, accepted.deleteToken);
  rememberJob(accepted.id);
  state.storedRequest = undefined;
  history.pushState(null, "", modelPathFor(accepted.id));
  showJob(accepted.id, accepted.deleteToken);
}

function showJob(id: string, token: string): void {
  watching?.stop();
  const job = jobPanel(id, token, {
    complete: (done) => {
      page.status.textContent = "The job is complete.";
      void loadModel(done);
    },
    cancelled: () => {
      page.status.textContent = "The job is cancelled; nothing was stored.";
    },
  });
  watching = job;
  panel.message(job.element);
  ready();
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

function ready(): void {
  document.body.classList.add("ready");
}

async function loadModel(id: string): Promise<void> {
  state.storedRequest = undefined;
  panel.message(h("p", { role: "status" }, "Loading the model…"));
  try {
    const stored = (await api.model(id)) as Awaited<ReturnType<typeof api.model>> & {
      parent?: string;
    };
    const model = stored.model ?? stored.result.model;
    state.form = formFromRequest(model.request);
    state.storedRequest = requestKey(model.request);
    fillPresets("");
    drawForm();
    showStored({ ...stored.result, model }, id, "opened", stored.parent);
    ready();
  } catch (error) {
    ready();
    const message =
      error instanceof ProblemError && error.problem.status === 404
        ? "There is no model at this address: it may have expired or been deleted."
        : error instanceof ProblemError
          ? problemText(error)
          : "The server could not be reached to load this model.";
    panel.message(
      h("p", { class: "error", role: "alert" }, message),
      error instanceof NetworkError
        ? h("button", { type: "button", onclick: () => void loadModel(id) }, "Retry")
        : h("span"),
    );
  }
}

/** "/" shows the form of its hash (or the first preset); "/m/{id}" loads the stored model. */
function route(): void {
  routed = location.href;
  const id = modelIdFromPath(location.pathname);
  if (id) {
    void openModelPage(id);
    return;
  }
  state.storedRequest = undefined;
  const fromHash = readHash(location.hash);
  if (fromHash.kind === "good") {
    state.form = formFromRequest(fromHash.request);
    fillPresets("");
    drawForm();
    return;
  }
  if (fromHash.kind === "bad") {
    // As much of the link's form as can be shown, with every bad field marked.
    let shown = false;
    try {
      state.form = formFromRequest(fromHash.request as TrainRequest);
      shown = true;
    } catch {
      state.form = formFromRequest(firstRequest());
    }
    fillPresets(shown ? "" : firstPreset);
    drawForm();
    state.revealAll = true;
    const listed = fromHash.issues
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join("; ");
    state.failure = {
      issues: [],
      message: [
        h(
          "p",
          { id: "hash-error" },
          shown
            ? `The form in this link has mistakes (${listed}); the fields are marked below.`
            : `The form in this link cannot be read (${listed}), so the page starts from the ${presets[firstPreset]?.title ?? firstPreset} preset.`,
        ),
      ],
    };
    judge();
    return;
  }
  fillPresets(firstPreset);
  state.form = formFromRequest(firstRequest());
  drawForm();
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
// Back and forward, and a hash edited by hand in the address bar. A new hash fires both events
// (popstate, then hashchange): the address the page itself last wrote or routed is not routed again.
const reroute = () => {
  if (location.href !== routed) route();
};
addEventListener("popstate", reroute);
addEventListener("hashchange", reroute);

route();
// The page is shown once its first form is drawn (a stored model's once it has loaded): until then
// the static skeleton would be painted and then pushed down, a layout shift on every load.
if (!modelIdFromPath(location.pathname)) ready();
else setTimeout(ready, 1500);
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
