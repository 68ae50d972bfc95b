// A job while it runs: a progress bar (epochs done of all, slices), elapsed and remaining time,
// the loss curve growing as slices complete, and Cancel. It asks the API again when Retry-After
// says, and hands over when the job ends.
import { NetworkError, ProblemError } from "./api.ts";
import { h, replace } from "./dom.ts";
import { count, loss } from "./format.ts";
import { type Job, jobApi } from "./job-api.ts";
import { aboutTime } from "./job-offer.ts";
import { historyChart } from "./loss-chart.ts";

export type JobEvents = {
  complete: (id: string) => void;
  cancelled: () => void;
};

const statusWords: Record<Job["status"], string> = {
  queued: "Waiting to start",
  running: "Training",
  complete: "Complete",
  failed: "Failed",
  cancelled: "Cancelled",
};

function seconds(from: string | null, to: number): number {
  return from ? Math.max(0, (to - Date.parse(from)) / 1000) : 0;
}

/** The panel, and a function that stops its polling (when the page moves on). */
export function jobPanel(
  id: string,
  token: string,
  events: JobEvents,
): { element: HTMLElement; stop: () => void } {
  const status = h("p", { id: "job-status", role: "status" }, "Starting the job…");
  const bar = h("progress", { id: "job-progress", max: 1, value: 0, "aria-label": "Epochs done" });
  const figures = h("p", { id: "job-figures", class: "hint" });
  const chart = h("div", { id: "job-chart" });
  const error = h("p", { id: "job-error", class: "error", role: "alert" });
  const cancel = h(
    "button",
    { type: "button", id: "cancel-job", class: "danger", onclick: () => void stopJob() },
    "Cancel the job",
  );
  const element = h(
    "section",
    { class: "card job-card", id: "job-card", "aria-labelledby": "job-title", "data-job": id },
    h("h3", { id: "job-title" }, "Job"),
    status,
    bar,
    figures,
    chart,
    cancel,
    error,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function show(job: Job) {
    const done = job.epochsDone;
    bar.max = job.epochs;
    bar.value = done;
    bar.dataset.done = String(done);
    element.dataset.status = job.status;
    status.textContent = `${statusWords[job.status]}: ${count(done)} of ${count(job.epochs)} epochs, ${job.slicesDone} of ${job.slices} slices.`;
    const elapsed = seconds(job.startedAt, Date.now());
    const remaining =
      done > 0 ? (elapsed * (job.epochs - done)) / done : Math.max(0, job.seconds - elapsed);
    replace(
      figures,
      `Elapsed ${aboutTime(elapsed).replace("about ", "")}`,
      job.status === "running" || job.status === "queued"
        ? `, remaining ${aboutTime(remaining)}`
        : "",
      job.loss === null ? "" : `; loss ${loss(job.loss)}`,
      job.startEpoch > 0 ? `; continuing from epoch ${count(job.startEpoch)}` : "",
      ".",
    );
    if (job.history.length > 1) replace(chart, historyChart(job.history));
  }

  async function poll() {
    if (stopped) return;
    try {
      const { job, retryAfter } = await jobApi.watch(id, token);
      if (stopped) return;
      show(job);
      replace(error);
      if (job.status === "complete") {
        cancel.remove();
        events.complete(id);
        return;
      }
      if (job.status === "cancelled") {
        cancel.remove();
        events.cancelled();
        return;
      }
      if (job.status === "failed") {
        cancel.remove();
        error.textContent = `The job failed: ${job.error ?? "a step failed after every retry"}. Nothing was stored.`;
        return;
      }
      timer = setTimeout(() => void poll(), retryAfter * 1000);
    } catch (failure) {
      if (stopped) return;
      error.textContent =
        failure instanceof ProblemError
          ? `Could not read the job: ${failure.problem.detail ?? failure.problem.title}`
          : failure instanceof NetworkError
            ? "The server could not be reached; trying again."
            : String(failure);
      if (!(failure instanceof ProblemError)) timer = setTimeout(() => void poll(), 3000);
    }
  }

  async function stopJob() {
    cancel.disabled = true;
    try {
      await jobApi.cancel(id, token);
      status.textContent = "Cancelling…";
      clearTimeout(timer);
      void poll();
    } catch (failure) {
      cancel.disabled = false;
      error.textContent =
        failure instanceof ProblemError
          ? `Not cancelled: ${failure.problem.detail ?? failure.problem.title}`
          : "The server could not be reached; the job was not cancelled.";
    }
  }

  void poll();
  return {
    element,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
