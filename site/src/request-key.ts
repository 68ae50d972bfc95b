// One string per training run: a request's JSON with its keys sorted, so the same run resolved
// in the browser and returned by the edge (keys in another order) compares equal.
import type { ResolvedTrainRequest } from "../../shared/index.ts";

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function requestKey(request: ResolvedTrainRequest): string {
  return JSON.stringify(sorted(request));
}
