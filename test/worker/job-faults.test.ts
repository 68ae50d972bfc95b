// Faults, with the vitest integration's Workflows introspection: a slice that throws or times out
// is retried and the job still ends bit for bit; storage failing at the last step fails the job
// without a model; a cancelled job stores nothing.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { classics } from "../support/classics.ts";
import { call } from "./helpers.ts";
import {
  bearer,
  expectSameRun,
  jobStatus,
  startJob,
  storedModel,
  trainUncapped,
} from "./job-helpers.ts";

const request = classics.encoder;

describe("job faults", () => {
  it("retries a slice that throws, and ends bit for bit", async () => {
    const { accepted, instance, introspector } = await startJob(request, async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "slice 2" }, new Error("the isolate went away"), 2);
    });
    await using _introspector = introspector;
    await instance.waitForStatus("complete");
    expectSameRun(await storedModel(accepted.id), trainUncapped(request));
  });

  it("retries a slice that times out, and ends bit for bit", async () => {
    const { accepted, instance, introspector } = await startJob(request, async (m) => {
      await m.disableRetryDelays();
      await m.forceStepTimeout({ name: "slice 3" }, 1);
    });
    await using _introspector = introspector;
    await instance.waitForStatus("complete");
    expectSameRun(await storedModel(accepted.id), trainUncapped(request));
  });

  it("fails, with no model, when storing keeps failing", async () => {
    const { accepted, instance, introspector } = await startJob(request, async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "store" }, new Error("KV put failed"));
    });
    await using _introspector = introspector;
    await instance.waitForStatus("errored");
    expect((await call(`/api/models/${accepted.id}`)).status).toBe(404);
    const { view, response } = await jobStatus(accepted.id, accepted.deleteToken);
    expect(view.status).toBe("failed");
    expect(view.error).toBe("storing the model failed after every retry");
    expect(view).not.toHaveProperty("model");
    expect(response.headers.get("Retry-After")).toBeNull();
  });

  it("is complete once a failed store succeeds on a retry", async () => {
    const { accepted, instance, introspector } = await startJob(request, async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "store" }, new Error("KV put failed"), 2);
    });
    await using _introspector = introspector;
    await instance.waitForStatus("complete");
    expectSameRun(await storedModel(accepted.id), trainUncapped(request));
  });

  it("stores nothing once cancelled", async () => {
    // The first slice fails once and waits a second for its retry: the job is surely running.
    const { accepted, instance, introspector } = await startJob(request, async (m) => {
      await m.mockStepError({ name: "slice 1" }, new Error("slow start"), 1);
    });
    await using _introspector = introspector;
    await instance.waitForStatus("running");
    const cancel = await call(`/api/jobs/${accepted.id}`, {
      method: "DELETE",
      headers: bearer(accepted.deleteToken),
    });
    expect(cancel.status).toBe(204);
    await instance.waitForStatus("terminated");
    const { view } = await jobStatus(accepted.id, accepted.deleteToken);
    expect(view.status).toBe("cancelled");
    expect((await call(`/api/models/${accepted.id}`)).status).toBe(404);
    expect(await env.MODELS.get(`model:${accepted.id}`)).toBeNull();
    // Cancelling again is no error; the job stays cancelled.
    const again = await call(`/api/jobs/${accepted.id}`, {
      method: "DELETE",
      headers: bearer(accepted.deleteToken),
    });
    expect(again.status).toBe(204);
  });
});
