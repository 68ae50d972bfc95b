// The run of known-divergence.ts, which once ended differently when observed in slices (each
// slice was a resumed run checking its last weights): observed now, it is the one-go run.
import { expect, test } from "vitest";
import { observeRun, train } from "../../shared/index.ts";
import { divergingRequest } from "./known-divergence.ts";

test("the one-go run trains past epoch 7, diverges and falls back to its initial weights", () => {
  const long = train(divergingRequest);
  expect(long.stoppedBy).toBe("diverged");
  expect(long.epochs).toBe(0);
});

// observeRun no longer slices through `resume`: it goes on from the same setup, so it agrees.
test("observed one epoch at a time, its last snapshot is the one-go run", () => {
  const last = [...observeRun(divergingRequest, 1)].at(-1);
  expect(last?.model.layers).toEqual(train(divergingRequest).model.layers);
});
