// Judges the form before anything is sent: the shared schema for shape and values, then the
// limits and the budget with the core's own `checkLimits` and `trainingCost`.
import * as v from "valibot";
import {
  checkLimits,
  LimitError,
  type Limits,
  type ResolvedTrainRequest,
  type TrainRequest,
  TrainRequestSchema,
  trainingCost,
} from "../../shared/index.ts";
import type { FieldIssue } from "./field-errors.ts";

export type Verdict =
  | { ok: true; request: ResolvedTrainRequest; cost: number; limitIssues: FieldIssue[] }
  | { ok: false; issues: FieldIssue[] };

/** valibot says "Invalid type: Expected number but received NaN" for an empty or non-numeric cell. */
function plainMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.expected === "number" && issue.received === "NaN") return "enter a number";
  if (issue.type === "finite") return "enter a finite number";
  if (issue.type === "integer") return "enter a whole number";
  return issue.message;
}

export function validate(request: TrainRequest, limits: Limits): Verdict {
  const parsed = v.safeParse(TrainRequestSchema, request);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.issues.map((issue) => ({
        path: v.getDotPath(issue) ?? "",
        message: plainMessage(issue),
      })),
    };
  }
  const limitIssues: FieldIssue[] = [];
  try {
    checkLimits(parsed.output, limits);
  } catch (error) {
    if (!(error instanceof LimitError)) throw error;
    // The budget has its own meter; the other limits belong to a field.
    if (error.limit !== "maxCost") limitIssues.push({ path: error.path, message: error.message });
  }
  return { ok: true, request: parsed.output, cost: trainingCost(parsed.output), limitIssues };
}
