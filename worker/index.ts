// The Worker's entry: the Hono app, and its type for Hono's typed client (`hc<AppType>`).
import { app } from "./app.ts";

export type { AppType } from "./app.ts";
export type { RunResult, StoredModel } from "./store.ts";

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
