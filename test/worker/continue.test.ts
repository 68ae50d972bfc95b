// POST /api/models/{id}/train: N more epochs from a stored model, stored as a new model whose
// parent is the old one; the old one never changes.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { continuedRequest, resolveRequest, trainingCost } from "../../shared/index.ts";
import { call, expectProblem, postJson, trainStored, xorRequest } from "./helpers.ts";
import { expectSameRun, storedModel, trainUncapped } from "./job-helpers.ts";

const more = (id: string, body: unknown) => postJson(`/api/models/${id}/train`, body);
const total = (epochs: number) => ({
  ...xorRequest,
  training: { ...xorRequest.training, epochs },
});

describe("POST /api/models/{id}/train", () => {
  it("answers 201 with a new model that goes on exactly where the parent stopped", async () => {
    const parent = await trainStored();
    const response = await more(parent.id, { epochs: 300 });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      id: string;
      deleteToken: string;
      parent: string;
      model: { request: { training: { epochs: number } } };
      result: { epochs: number; history: [number, number][] };
    };
    expect(response.headers.get("Location")).toBe(`/api/models/${body.id}`);
    expect(body.id).not.toBe(parent.id);
    expect(body.parent).toBe(parent.id);
    expect(body.deleteToken).toEqual(expect.any(String));
    expect(body.model.request.training.epochs).toBe(800);
    expect(body.result.epochs).toBe(800);
    // The history runs on from the parent's first epoch to the new last one.
    expect(body.result.history[0]?.[0]).toBe(0);
    expect(body.result.history.at(-1)?.[0]).toBe(800);
    const child = await storedModel(body.id);
    expect(child.parent).toBe(parent.id);
    expectSameRun(child, trainUncapped(total(800)));
    // The parent is as it was.
    const again = await storedModel(parent.id);
    expect(again.result.epochs).toBe(500);
    expect(again.parent).toBeUndefined();
  });

  it("takes ?epochs=N with an empty body, for curl", async () => {
    const parent = await trainStored();
    const response = await call(`/api/models/${parent.id}/train?epochs=100`, { method: "POST" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; result: { epochs: number } };
    expect(body.result.epochs).toBe(600);
    await expectProblem(
      await call(`/api/models/${parent.id}/train?epochs=0`, { method: "POST" }),
      400,
    );
    const unknown = await expectProblem(
      await call(`/api/models/${parent.id}/train?epochs=5&color=red`, { method: "POST" }),
      400,
    );
    expect(unknown.issues?.[0]?.path).toBe("query.color");
  });

  it('answers 200 and stores nothing with "persist": false', async () => {
    const parent = await trainStored();
    const response = await more(parent.id, { epochs: 50, persist: false });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty("id");
    expect(body).not.toHaveProperty("deleteToken");
    expect(body.parent).toBe(parent.id);
    expect(response.headers.get("Location")).toBeNull();
  });

  it("refuses bad bodies with 400 naming the field", async () => {
    const parent = await trainStored();
    for (const body of [{}, { epochs: 1.5 }, { epochs: -1 }, { epochs: 5, extra: 1 }]) {
      const problem = await expectProblem(await more(parent.id, body), 400);
      expect(problem.issues?.length).toBeGreaterThan(0);
    }
    await expectProblem(await more(parent.id, "{not json"), 400);
    await expectProblem(
      await call(`/api/models/${parent.id}/train`, {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body: "epochs=5",
      }),
      415,
    );
  });

  it("answers 404 for an unknown, malformed or deleted parent", async () => {
    await expectProblem(await more("AAAAAAAAAAAAAAAAAAAAAA", { epochs: 5 }), 404);
    await expectProblem(await more("not-an-id", { epochs: 5 }), 404);
    const parent = await trainStored();
    const deleted = await call(`/api/models/${parent.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${parent.deleteToken}` },
    });
    expect(deleted.status).toBe(204);
    await expectProblem(await more(parent.id, { epochs: 5 }), 404);
  });

  it("answers 409 for a model stored before models kept their state", async () => {
    const parent = await trainStored();
    const record = JSON.parse((await env.MODELS.get(`model:${parent.id}`)) ?? "{}");
    delete record.result.state;
    const oldId = "oldmodel0000000000000A";
    await env.MODELS.put(`model:${oldId}`, JSON.stringify({ ...record, id: oldId }));
    const problem = await expectProblem(await more(oldId, { epochs: 5 }), 409);
    expect(problem.detail).toContain("training state");
  });

  it("answers 409 for a model whose run stopped on its target loss", async () => {
    const parent = await trainStored({
      ...xorRequest,
      training: { ...xorRequest.training, epochs: 3000, targetLoss: 0.05 },
    });
    expect(parent.result.stoppedBy).toBe("target-loss");
    const problem = await expectProblem(await more(parent.id, { epochs: 5 }), 409);
    expect(problem.detail).toContain("target loss");
  });

  it("answers 422 over the budget, pointing at the job route", async () => {
    const parent = await trainStored();
    const epochs = 90_000;
    const cost = trainingCost(resolveRequest(continuedRequest(xorRequest, epochs)));
    expect(cost).toBeGreaterThan(Number(env.MAX_COST));
    const problem = await expectProblem(await more(parent.id, { epochs }), 422);
    expect(problem.limit).toBe("maxCost");
    expect(problem.jobs).toBe("/api/jobs");
    expect(problem.detail).toContain("POST /api/jobs");
    expect(problem.issues?.[0]?.path).toBe("epochs");
  });
});
