// The one validator every route uses: a valibot schema per request part, its types for the route
// and for Hono's typed client, and a 400 problem listing each bad field when the part fails.
import { vValidator } from "@hono/valibot-validator";
import type { ValidationTargets } from "hono";
import type * as v from "valibot";
import { toApiIssues } from "./issues.ts";
import { invalidRequest } from "./problem.ts";

export function validate<Target extends keyof ValidationTargets, Schema extends v.GenericSchema>(
  target: Target,
  schema: Schema,
) {
  return vValidator(target, schema, (result, c) => {
    if (!result.success) return invalidRequest(c, toApiIssues(result.issues));
  });
}
