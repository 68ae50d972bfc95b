// Jobs on Cloudflare Workflows (issue 8 Part C): the three 1986 classics one request refuses train
// to 100% through POST /api/jobs, bit for bit the run the core makes with no cost cap.
import { describe, expect, it } from "vitest";
import { resolveRequest, trainingCost } from "../../shared/index.ts";
import { classics } from "../support/classics.ts";
import { expectProblem, postJson } from "./helpers.ts";
import { expectSameRun, jobStatus, startJob, storedModel, trainUncapped } from "./job-helpers.ts";

describe("the refused 1986 classics as jobs", () => {
  it.each(Object.entries(classics))(
    "%s: refused by /api/train, trained by a job, bit for bit",
    async (_, request) => {
      expect(trainingCost(resolveRequest(request))).toBeGreaterThan(1.1e7);
      await expectProblem(await postJson("/api/train", request), 422);
      const { accepted, instance, introspector } = await startJob(request);
      await using _introspector = introspector;
      expect(accepted.status).toBe("queued");
      expect(accepted.slices).toBeGreaterThan(1);
      expect(accepted.cost).toBe(trainingCost(resolveRequest(request)));
      await instance.waitForStatus("complete");
      const expected = trainUncapped(request);
      expect(expected.accuracy).toBe(1);
      const stored = await storedModel(accepted.id);
      expectSameRun(stored, expected);
      expect(stored.result.accuracy).toBe(1);
      expect(stored.model.request.training.epochs).toBe(request.training.epochs);
      const { view, response } = await jobStatus(accepted.id, accepted.deleteToken);
      expect(view).toMatchObject({
        id: accepted.id,
        status: "complete",
        epochs: request.training.epochs,
        epochsDone: request.training.epochs,
        slices: accepted.slices,
        slicesDone: accepted.slices,
        model: `/api/models/${accepted.id}`,
        page: `/m/${accepted.id}`,
      });
      expect(Object.is(view.loss, expected.loss)).toBe(true);
      expect(response.headers.get("Retry-After")).toBeNull();
    },
  );
});
