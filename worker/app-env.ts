// What every route's context carries: the Worker's bindings, and what a request records for its
// log line (request-log.ts).
import type { StopReason } from "../shared/index.ts";

/** A training run's figures: the API's own, never a value from the request. */
export type RunFacts = { cost: number; epochs: number; stoppedBy: StopReason };

export type AppEnv = { Bindings: Env; Variables: { run?: RunFacts } };
