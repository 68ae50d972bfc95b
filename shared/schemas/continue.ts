// Going on from a stored model: how many more epochs, and (for a job) which model.
import * as v from "valibot";

const moreEpochs = v.pipe(v.number(), v.integer(), v.minValue(1, "train at least 1 more epoch"));

/** POST /api/models/{id}/train: `persist` is the API's flag, as on /api/train. */
export const ContinueRequestSchema = v.strictObject({
  epochs: moreEpochs,
  persist: v.optional(v.boolean(), true),
});
export type ContinueRequest = v.InferInput<typeof ContinueRequestSchema>;

/** POST /api/jobs with `from`: a stored model's id and the epochs to add. */
export const ContinueJobSchema = v.strictObject({
  from: v.pipe(v.string(), v.maxLength(64)),
  epochs: moreEpochs,
});
export type ContinueJob = v.InferInput<typeof ContinueJobSchema>;

/** The request a continued run is planned and priced by: the model's, with the epochs to add. */
export function continuedRequest<R extends { training: { epochs: number } }>(
  request: R,
  epochs: number,
): R {
  return { ...request, training: { ...request.training, epochs } };
}
