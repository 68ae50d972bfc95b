// One structured JSON line in Workers Logs ([observability] in wrangler.toml) for each request
// worth a look: every training run, whatever it answered, and every 429 and 5xx. The fields are
// the route's pattern, the status and the API's own figures; never a value from the request, its
// headers or a token, so a log can be read by anyone who runs the service.
import { createMiddleware } from "hono/factory";
import { routePath } from "hono/route";
import type { AppEnv, RunFacts } from "./app-env.ts";

export type LogLine = {
  event: "train" | "refused" | "failed";
  method: string;
  /** The route as registered (`/api/models/:id`), not the path: ids stay out of the log. */
  route: string;
  status: number;
  /** The unexpected error's name and where it was thrown; its message may quote the input. */
  error?: { name: string; at: string[] };
} & Partial<RunFacts>;

/** An error as a log may show it: its name and where it was thrown, never its message. */
export function errorFacts(error: unknown): { name: string; at: string[] } {
  if (!(error instanceof Error)) return { name: typeof error, at: [] };
  // The first line of a stack is the message; the frames name only code.
  const at = (error.stack ?? "").split("\n").slice(1, 9);
  return { name: error.name, at: at.map((frame) => frame.trim()) };
}

export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const status = c.res.status;
  const run = c.get("run");
  if (!run && status !== 429 && status < 500) return;
  const line: LogLine = {
    event: status >= 500 ? "failed" : status === 429 ? "refused" : "train",
    method: c.req.method,
    route: routePath(c),
    status,
    ...(run ?? {}),
  };
  if (c.error) line.error = errorFacts(c.error);
  const text = JSON.stringify(line);
  if (status >= 500) console.error(text);
  else if (status === 429) console.warn(text);
  else console.log(text);
});
