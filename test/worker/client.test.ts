// The exported AppType drives Hono's typed client (`hc`), as the site may use it.
import { hc } from "hono/client";
import { expect, it } from "vitest";
import type { AppType } from "../../worker/index.ts";
import { fetchWorker, xorRequest } from "./helpers.ts";

it("trains, reads and predicts through hc<AppType> with typed bodies", async () => {
  const client = hc<AppType>("http://edge.test", {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetchWorker(new Request(input, init)),
  });
  const trained = await client.api.train.$post({ json: { ...xorRequest, persist: true } });
  if (trained.status !== 201) throw new Error(`expected 201, got ${trained.status}`);
  const created = await trained.json();
  const read = await client.api.models[":id"].$get({ param: { id: created.id } });
  expect(read.status).toBe(200);
  const predicted = await client.api.models[":id"].predict.$post({
    param: { id: created.id },
    json: { inputs: [[1, 0]] },
  });
  if (predicted.status !== 200) throw new Error(`expected 200, got ${predicted.status}`);
  const { outputs } = await predicted.json();
  expect(outputs).toHaveLength(1);
  const health = await (await client.api.health.$get()).json();
  expect(health.ok).toBe(true);
});
