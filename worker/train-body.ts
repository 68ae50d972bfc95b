// The body of POST /api/train: a TrainRequest, plus `persist` (the API's own flag: store or not).
// `persist` is taken off before the shared schema sees the rest, so that schema stays strict.
import * as v from "valibot";
import {
  type ResolvedTrainRequest,
  type TrainRequest,
  TrainRequestSchema,
} from "../shared/index.ts";
import { toApiIssues } from "./issues.ts";
import type { FieldIssue } from "./problem.ts";

export type TrainBody = TrainRequest & { persist?: boolean };

export type ParsedTrainBody =
  | { ok: true; request: ResolvedTrainRequest; persist: boolean }
  | { ok: false; issues: FieldIssue[] };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function parseTrainBody(body: unknown): ParsedTrainBody {
  const issues: FieldIssue[] = [];
  let persist = true;
  let rest = body;
  if (isPlainObject(body) && Object.hasOwn(body, "persist")) {
    const { persist: flag, ...others } = body;
    rest = others;
    if (typeof flag === "boolean") persist = flag;
    else issues.push({ path: "persist", message: "invalid type: expected boolean" });
  }
  const parsed = v.safeParse(TrainRequestSchema, rest);
  if (!parsed.success) issues.push(...toApiIssues(parsed.issues));
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, request: parsed.output, persist };
}
