// The untrained form in the address's hash (#request=<JSON>), so a link shares an experiment
// before anything is stored and a reload keeps it. A hash is read through the shared schema:
// a hand-edited mistake names its field, it never blanks the page.
import * as v from "valibot";
import { type FieldIssue, type TrainRequest, TrainRequestSchema } from "../../shared/index.ts";

const key = "request";

export type HashForm =
  | { kind: "none" }
  | { kind: "good"; request: TrainRequest }
  /** `request` is the JSON as it was, when it is an object (the form may still show most of it). */
  | { kind: "bad"; issues: FieldIssue[]; request: unknown };

export function hashFor(request: TrainRequest): string {
  return `#${key}=${encodeURIComponent(JSON.stringify(request))}`;
}

export function readHash(hash: string): HashForm {
  const prefix = `#${key}=`;
  if (!hash.startsWith(prefix)) return { kind: "none" };
  let text: string;
  try {
    text = decodeURIComponent(hash.slice(prefix.length));
  } catch {
    return {
      kind: "bad",
      issues: [{ path: "", message: "the address's form is not properly percent-encoded" }],
      request: undefined,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      kind: "bad",
      issues: [{ path: "", message: "the address's form is not valid JSON" }],
      request: undefined,
    };
  }
  const parsed = v.safeParse(TrainRequestSchema, json);
  if (parsed.success) return { kind: "good", request: json as TrainRequest };
  return {
    kind: "bad",
    issues: parsed.issues.map((issue) => ({
      path: v.getDotPath(issue) ?? "",
      message: issue.message,
    })),
    request: json,
  };
}
