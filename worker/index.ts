// The Worker's entry: the Hono app, and its type for Hono's typed client (`hc<AppType>`).
import { app } from "./app.ts";
import { warmUp, warmUpRequestPath, warmUpRoute, warmUpRouter } from "./warm-up.ts";

export type { AppType } from "./app.ts";
export type { RunResult, StoredModel } from "./store.ts";
// The Workflow that runs jobs ([[workflows]] in wrangler.toml).
export { TrainingJob } from "./training-job.ts";

// Once per isolate, before its first request (see warm-up.ts).
warmUp();
warmUpRoute();
warmUpRouter(app.router);
// Its promise settles before the first request: nothing in it waits on I/O.
void warmUpRequestPath(app.fetch);

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
