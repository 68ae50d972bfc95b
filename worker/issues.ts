// valibot's issues as the API shows them: a dot path and a message that never repeats the input.
import * as v from "valibot";
import type { FieldIssue } from "./problem.ts";

/**
 * valibot's default messages end in "Received <the value>", which would echo the caller's data
 * back; those are rewritten from what the schema expected. Custom messages (the shared schema's
 * own words) pass through.
 */
export function toApiIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => ({ path: v.getDotPath(issue) ?? "", message: messageOf(issue) }));
}

const plainWords: Record<string, string> = {
  finite: "must be a finite number",
  integer: "must be a whole number",
  safe_integer: "must be a whole number",
};

function messageOf(issue: v.BaseIssue<unknown>): string {
  if (!/received /i.test(issue.message)) return issue.message;
  if (issue.kind === "schema" && issue.type === "strict_object" && issue.expected === "never") {
    return "unknown field";
  }
  const plain = plainWords[issue.type];
  if (plain) return plain;
  const label = issue.type.replaceAll("_", " ");
  return issue.expected === null
    ? `invalid ${label}`
    : `invalid ${label}: expected ${issue.expected}`;
}
