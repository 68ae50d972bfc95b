// RFC 9457 problem details: every error the API gives, in one shape, small and without echoes.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** One bad field: its dot path in the request ("" for the whole request) and what is wrong. */
export type FieldIssue = { path: string; message: string };

export type Problem<S extends number = number> = {
  type: string;
  title: string;
  status: S;
  detail: string;
  /** For 400 and 422: each bad field. */
  issues?: FieldIssue[];
  /** For 422: which limit, the request's figure, the allowed figure, and the field it comes from. */
  limit?: string;
  figure?: number;
  allowed?: number;
  path?: string;
  /** For a 422 over maxCost that a job could run: the route that runs it (POST). */
  jobs?: string;
  /** For an unknown export format: the formats there are. */
  formats?: string[];
};

export const problemTypes = {
  invalid: "https://backprop-edge.dev/problems/invalid-request",
  overLimit: "https://backprop-edge.dev/problems/over-limit",
  rateLimited: "https://backprop-edge.dev/problems/rate-limited",
  storage: "https://backprop-edge.dev/problems/storage-unavailable",
  http: "about:blank",
} as const;

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

// Keeps any error body within 2 KiB whatever the input: paths may contain the caller's keys, in
// any script, so sizes are counted in UTF-8 bytes and cuts fall between characters.
export const maxProblemBytes = 2048;
const maxIssues = 8;
const maxPathBytes = 80;
const maxMessageBytes = 160;
const utf8 = new TextEncoder();
const byteLength = (text: string) => utf8.encode(text).length;

function clip(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  const ellipsis = "…";
  let kept = "";
  let bytes = byteLength(ellipsis);
  for (const character of text) {
    bytes += byteLength(character);
    if (bytes > maxBytes) break;
    kept += character;
  }
  return kept + ellipsis;
}

export function clipIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.slice(0, maxIssues).map((issue) => ({
    path: clip(issue.path, maxPathBytes),
    message: clip(issue.message, maxMessageBytes),
  }));
}

export function problem<S extends ContentfulStatusCode>(
  status: S,
  detail: string,
  extra: Omit<Partial<Problem>, "status"> = {},
): Problem<S> {
  return { type: problemTypes.http, title: titles[status] ?? "Error", status, detail, ...extra };
}

/** A problem+json response; `headers` for Allow, Retry-After, WWW-Authenticate. */
export function problemResponse<S extends ContentfulStatusCode>(
  c: Context,
  body: Problem<S>,
  headers: Record<string, string> = {},
) {
  return c.json(body, body.status, { "Content-Type": "application/problem+json", ...headers });
}

/** 400 listing each bad field; the detail counts them and says when the list was cut. */
export function invalidRequest(c: Context, issues: readonly FieldIssue[]) {
  const shown = clipIssues(issues);
  const body = () => {
    const more = issues.length - shown.length;
    const detail =
      issues.length === 1
        ? "1 field is invalid"
        : `${issues.length} fields are invalid${more > 0 ? ` (the first ${shown.length} are listed)` : ""}`;
    return problem(400, detail, { type: problemTypes.invalid, issues: shown });
  };
  // JSON escapes (control characters become \u00XX) can still grow a clipped list past the cap.
  while (shown.length > 1 && byteLength(JSON.stringify(body())) > maxProblemBytes) shown.pop();
  return problemResponse(c, body());
}
