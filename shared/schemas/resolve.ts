// Parse a request once, with the shared schema, into a request with every default filled in.
import * as v from "valibot";
import { type ResolvedTrainRequest, TrainRequestSchema } from "./request.ts";

/** One bad field: its dot path in the request ("" for the request itself) and what is wrong. */
export type FieldIssue = { path: string; message: string };

/** A request the schema refuses (or a table the network cannot train on), field by field. */
export class RequestError extends Error {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(
      issues
        .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
        .join("; "),
    );
    this.name = "RequestError";
    this.issues = issues;
  }
}

/** valibot's issues as dot paths ("training.learningRate", "table.inputs.2", "" for the root). */
export function toFieldIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => ({ path: v.getDotPath(issue) ?? "", message: issue.message }));
}

export function resolveRequest(input: unknown): ResolvedTrainRequest {
  const parsed = v.safeParse(TrainRequestSchema, input);
  if (!parsed.success) throw new RequestError(toFieldIssues(parsed.issues));
  return parsed.output;
}
