// When a run is over one request's budget, whether a job can run it and what that means: the
// same plan (shared/job-plan.ts) the API makes, so the page's "N slices, about S s" is the API's.
import {
  JobLimitError,
  type JobPlan,
  jobLimitsFor,
  type Limits,
  planJob,
  type ResolvedTrainRequest,
} from "../../shared/index.ts";

export type JobOffer = { ok: true; plan: JobPlan } | { ok: false; reason: string };

export function jobOffer(request: ResolvedTrainRequest, limits: Limits): JobOffer {
  try {
    return { ok: true, plan: planJob(request, limits, jobLimitsFor(limits)) };
  } catch (error) {
    if (error instanceof JobLimitError || error instanceof Error) {
      return { ok: false, reason: error.message };
    }
    throw error;
  }
}

/** "about 3 s", "about 2 min". */
export function aboutTime(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s`;
  return `about ${Math.round(seconds / 60)} min`;
}

export function offerText(plan: JobPlan): string {
  return `too big for one request — run it as a job (${plan.slices} slices, ${aboutTime(plan.seconds)})`;
}
