// The jobs API around the Workflow: bodies, limits (and which one a 422 names), tokens, progress,
// server-sent events, continuing a stored model as a job, the rate limiter.

import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { csvTrainRequest, defaultLimits } from "../../shared/index.ts";
import { randomJobId } from "../../worker/ids.ts";
import { classics } from "../support/classics.ts";
import { call, expectProblem, postJson, trainStored, xorRequest } from "./helpers.ts";
import {
  bearer,
  expectSameRun,
  jobStatus,
  startJob,
  storedModel,
  trainUncapped,
} from "./job-helpers.ts";
import { trainLimit } from "./train-limit.ts";

const widest = (optimizer: "adam" | "sgd") => ({
  table: {
    inputs: Array.from({ length: 256 }, (_, r) =>
      Array.from({ length: 16 }, (_, c) => (r >> c) & 1),
    ),
    targets: Array.from({ length: 256 }, (_, r) =>
      Array.from({ length: 16 }, (_, c) => (r >> (c % 8)) & 1),
    ),
  },
  network: {
    hidden: Array.from({ length: 4 }, () => ({ units: 64, activation: "tanh" as const })),
    output: "sigmoid" as const,
  },
  training: { epochs: 2, learningRate: 0.01, optimizer },
});

describe("POST /api/jobs refuses", () => {
  it("bad bodies with 400, as /api/train does", async () => {
    await expectProblem(await postJson("/api/jobs", { ...xorRequest, training: {} }), 400);
    await expectProblem(await postJson("/api/jobs", { ...xorRequest, persist: false }), 400);
    await expectProblem(await postJson("/api/jobs", { from: "x" }), 400);
    await expectProblem(await postJson("/api/jobs", { from: 5, epochs: 5 }), 400);
  });

  it("a run over the job budget with 422 naming maxJobCost", async () => {
    const big = { ...widest("sgd"), training: { ...widest("sgd").training, epochs: 1000 } };
    const problem = await expectProblem(await postJson("/api/jobs", big), 422);
    expect(problem.limit).toBe("maxJobCost");
    expect(problem.allowed).toBe(500 * Number(env.MAX_COST));
  });

  it("a network whose every step would be over a step's share with 422 naming maxSliceCost", async () => {
    const problem = await expectProblem(await postJson("/api/jobs", widest("adam")), 422);
    expect(problem.limit).toBe("maxSliceCost");
    expect(problem.allowed).toBe(Math.floor(0.8 * Number(env.MAX_COST)));
  });

  it("the per-request limits other than the cost, as /api/train does", async () => {
    const wide = {
      ...xorRequest,
      network: {
        ...xorRequest.network,
        hidden: [{ units: defaultLimits.maxUnits + 1, activation: "tanh" }],
      },
    };
    const problem = await expectProblem(await postJson("/api/jobs", wide), 422);
    expect(problem.limit).toBe("maxUnits");
  });
});

describe("a job's token", () => {
  it("is needed to read or cancel it; another's token is refused", async () => {
    // Another's token: a stored model's, which is a real token, but not this job's.
    const other = await trainStored();
    const { accepted, instance, introspector } = await startJob(classics.parity);
    await using _introspector = introspector;
    expect((await call(`/api/jobs/${accepted.id}`)).status).toBe(401);
    const wrong = { headers: bearer(other.deleteToken) };
    await expectProblem(await call(`/api/jobs/${accepted.id}`, wrong), 403);
    await expectProblem(await call(`/api/jobs/${accepted.id}/events`, wrong), 403);
    await expectProblem(
      await call(`/api/jobs/${accepted.id}`, { ...wrong, method: "DELETE" }),
      403,
    );
    await expectProblem(await call("/api/jobs/AAAAAAAAAAAAAAAAAAAAAA", wrong), 404);
    await expectProblem(await call("/api/jobs/nope", wrong), 404);
    await instance.waitForStatus("complete");
    // A complete job is not cancelled: its model is deleted as any other.
    const late = await call(`/api/jobs/${accepted.id}`, {
      method: "DELETE",
      headers: bearer(accepted.deleteToken),
    });
    await expectProblem(late, 409);
    const removed = await call(`/api/models/${accepted.id}`, {
      method: "DELETE",
      headers: bearer(accepted.deleteToken),
    });
    expect(removed.status).toBe(204);
  });
});

describe("progress", () => {
  it("shows running with Retry-After, then complete", async () => {
    const { accepted, instance, introspector } = await startJob(classics.encoder, async (m) => {
      // The second slice fails once and waits a second for its retry: time to look.
      await m.mockStepError({ name: "slice 2" }, new Error("slow"), 1);
    });
    await using _introspector = introspector;
    await instance.waitForStepResult({ name: "slice 1" });
    let seen: Record<string, unknown> | undefined;
    for (let i = 0; i < 50 && !seen; i++) {
      const { view, response } = await jobStatus(accepted.id, accepted.deleteToken);
      if (view.status === "running" && (view.epochsDone as number) > 0) {
        seen = view;
        expect(Number(response.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
      } else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen).toMatchObject({ status: "running", slicesDone: 1, epochs: 5000 });
    expect(seen?.epochsDone).toBe(accepted.epochsPerSlice);
    expect(((seen?.history ?? []) as unknown[]).length).toBeGreaterThan(1);
    expect(seen?.startedAt).toEqual(expect.any(String));
    await instance.waitForStatus("complete");
  });

  it("streams as server-sent events until the job ends", async () => {
    const { accepted, instance, introspector } = await startJob(classics.parity);
    await using _introspector = introspector;
    const response = await call(`/api/jobs/${accepted.id}/events`, {
      headers: bearer(accepted.deleteToken),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/event-stream");
    const text = await response.text();
    const events = [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((match) => ({
      event: match[1],
      data: JSON.parse(match[2] as string) as { status: string; epochsDone: number },
    }));
    expect(events.at(-1)?.event).toBe("complete");
    expect(events.at(-1)?.data.epochsDone).toBe(6000);
    expect(events.slice(0, -1).every((event) => event.event === "progress")).toBe(true);
    await instance.waitForStatus("complete");
  });
});

describe("continuing a stored model as a job", () => {
  it("equals one long run, with the parent link", async () => {
    const shortRun = {
      ...classics.encoder,
      training: { ...classics.encoder.training, epochs: 1000 },
    };
    const response = await postJson("/api/train", shortRun);
    expect(response.status).toBe(201);
    const parent = (await response.json()) as { id: string };
    const { accepted, instance, introspector } = await startJob({ from: parent.id, epochs: 4000 });
    await using _introspector = introspector;
    await instance.waitForStatus("complete");
    const job = await storedModel(accepted.id);
    expect(job.parent).toBe(parent.id);
    expectSameRun(job, trainUncapped(classics.encoder));
    const { view } = await jobStatus(accepted.id, accepted.deleteToken);
    expect(view).toMatchObject({
      epochs: 4000,
      epochsDone: 4000,
      startEpoch: 1000,
      parent: parent.id,
    });
  });

  it("answers 422 naming maxEpochs when the chain's epochs in all would be over it", async () => {
    const parent = await trainStored();
    const problem = await expectProblem(
      await postJson("/api/jobs", { from: parent.id, epochs: defaultLimits.maxEpochs }),
      422,
    );
    expect(problem.limit).toBe("maxEpochs");
    expect(problem.figure).toBe(parent.result.epochs + defaultLimits.maxEpochs);
  });

  it("answers 404 for an unknown parent and 409 for one without state", async () => {
    await expectProblem(
      await postJson("/api/jobs", { from: "AAAAAAAAAAAAAAAAAAAAAA", epochs: 5 }),
      404,
    );
    const stored = await trainStored();
    const record = JSON.parse((await env.MODELS.get(`model:${stored.id}`)) ?? "{}");
    delete record.result.state;
    const oldId = "oldjobparent000000000A";
    await env.MODELS.put(`model:${oldId}`, JSON.stringify({ ...record, id: oldId }));
    await expectProblem(await postJson("/api/jobs", { from: oldId, epochs: 5 }), 409);
  });
});

describe("job ids", () => {
  it("are 22 base64url characters that Workflows accepts and models use", () => {
    for (let i = 0; i < 2000; i++) expect(randomJobId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});

it("rate-limits jobs per client on their own limiter", async () => {
  const client = { "CF-Connecting-IP": "192.0.2.99" };
  const tiny = { ...xorRequest, training: { ...xorRequest.training, epochs: 1 } };
  for (let i = 0; i < trainLimit; i++) {
    const response = await postJson("/api/jobs", tiny, client);
    expect(response.status).toBe(202);
  }
  const limited = await postJson("/api/jobs", tiny, client);
  await expectProblem(limited, 429);
  expect(limited.headers.get("Retry-After")).toBe(env.JOB_RATE_PERIOD);
  // /api/train from the same client is counted apart.
  expect((await postJson("/api/train", { ...tiny, persist: false }, client)).status).toBe(200);
});

describe("POST /api/jobs takes a table as text, as /api/train does", () => {
  const xorText = (separator: string) =>
    ["a,b,xor", "0,0,0", "0,1,1", "1,0,1", "1,1,0"].map((row) => row.replaceAll(",", separator));

  it.each([
    ["text/csv", ","],
    ["text/tab-separated-values", "\t"],
  ])("%s: the job's model is the uncapped run of the same table", async (mediaType, separator) => {
    const query = "hidden=4&epochs=300&lr=0.5&seed=3";
    const introspector = await introspectWorkflow(env.JOBS);
    await using _introspector = introspector;
    await introspector.modifyAll(async (m) => {
      await m.disableSleeps();
    });
    const response = await call(`/api/jobs?${query}`, {
      method: "POST",
      headers: { "Content-Type": mediaType },
      body: `${xorText(separator).join("\n")}\n`,
    });
    expect(response.status, await response.clone().text()).toBe(202);
    const accepted = (await response.json()) as { id: string };
    const [instance] = await introspector.get();
    await instance?.waitForStatus("complete");
    const expected = trainUncapped(
      csvTrainRequest(xorText(",").join("\n"), {
        hidden: "4",
        epochs: "300",
        lr: "0.5",
        seed: "3",
      }),
    );
    expectSameRun(await storedModel(accepted.id), expected);
  });
});
