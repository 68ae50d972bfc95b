// Training is rate limited per client address by the Workers Rate Limiting binding.
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { expectProblem, postJson, xorRequest } from "./helpers.ts";
import { trainLimit } from "./train-limit.ts";

it("answers 429 with Retry-After (the limiter's period) after the configured count", async () => {
  const client = { "CF-Connecting-IP": "192.0.2.77" };
  const cheap = { ...xorRequest, training: { ...xorRequest.training, epochs: 1 }, persist: false };
  for (let i = 0; i < trainLimit; i++) {
    expect((await postJson("/api/train", cheap, client)).status).toBe(200);
  }
  const limited = await postJson("/api/train", cheap, client);
  const body = await expectProblem(limited, 429);
  expect(limited.headers.get("Retry-After")).toBe(env.TRAIN_RATE_PERIOD);
  expect(body.detail).toContain(`${env.TRAIN_RATE_PERIOD} s`);
  // Another address is not affected, and invalid requests are refused before they count.
  expect((await postJson("/api/train", cheap, { "CF-Connecting-IP": "192.0.2.78" })).status).toBe(
    200,
  );
  await expectProblem(await postJson("/api/train", { ...cheap, training: {} }, client), 400);
});
