// The body of POST /api/train: a TrainRequest, plus `persist` (the API's own flag: store or not).
// The shared fields and rules, with `persist` checked first and taken off before the core sees it.
import * as v from "valibot";
import { trainRequestChecks, trainRequestEntries, withDefaults } from "../shared/index.ts";

export const TrainBodySchema = v.pipe(
  v.strictObject({
    persist: v.optional(v.boolean("invalid type: expected boolean"), true),
    ...trainRequestEntries,
  }),
  trainRequestChecks(),
  v.transform(({ persist, ...request }) => ({ persist, request: withDefaults(request) })),
);

/** What a caller sends: defaults may be left out, `persist` too. */
export type TrainBody = v.InferInput<typeof TrainBodySchema>;
