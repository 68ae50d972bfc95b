// A trained model as JSON: enough to predict, to continue from, and to re-derive in numpy.
import * as v from "valibot";
import { ActivationSchema, TrainRequestSchema } from "./request.ts";
import { stopReasons, TrainingStateSchema } from "./state.ts";

export const modelFormat = "backprop-edge/model@1";

const finiteNumber = v.pipe(v.number(), v.finite());

export const LayerSchema = v.strictObject({
  activation: ActivationSchema,
  /** fanIn rows of fanOut numbers: `weights[i][j]` joins input i to unit j, as numpy's `W[i, j]`. */
  weights: v.pipe(v.array(v.pipe(v.array(finiteNumber), v.minLength(1))), v.minLength(1)),
  /** One per unit, or null for a network trained without bias. */
  bias: v.nullable(v.array(finiteNumber)),
});
export type Layer = v.InferOutput<typeof LayerSchema>;

const ModelObjectSchema = v.strictObject({
  format: v.literal(modelFormat),
  request: TrainRequestSchema,
  layers: v.pipe(v.array(LayerSchema), v.minLength(1)),
});

/** Each layer's weights are rectangular and chain onto the layer before. */
function checkLayerShapes({
  dataset,
  addIssue,
}: v.RawCheckContext<v.InferOutput<typeof ModelObjectSchema>>): void {
  if (!dataset.typed) return;
  let fanIn: number | undefined;
  dataset.value.layers.forEach((layer, index) => {
    const fanOut = layer.weights[0]?.length ?? 0;
    const rectangular = layer.weights.every((row) => row.length === fanOut);
    const chains = fanIn === undefined || layer.weights.length === fanIn;
    const biasFits = layer.bias === null || layer.bias.length === fanOut;
    if (!rectangular || !chains || !biasFits) {
      addIssue({ message: `layer ${index} has weights or bias of the wrong shape` });
    }
    fanIn = fanOut;
  });
}

export const ModelSchema = v.pipe(ModelObjectSchema, v.rawCheck(checkLayerShapes));
export type Model = v.InferOutput<typeof ModelSchema>;

export const TrainResultSchema = v.strictObject({
  model: ModelSchema,
  /** Loss of the final weights over the whole table. */
  loss: v.number(),
  /** Share of rows whose every output, rounded at 0.5, equals its 0/1 target. */
  accuracy: v.number(),
  epochs: v.number(),
  stoppedBy: v.picklist(stopReasons),
  /** At most 200 `[epoch, loss]` points; the first and the last are always there. */
  history: v.array(v.tuple([v.number(), v.number()])),
  /** The final model's output for every row of the table. */
  predictions: v.array(v.array(v.number())),
  /** Multiply-adds the run was priced at before it started. */
  cost: v.number(),
  /** 16 hex digits: a stable 64-bit hash of the weights' bytes, to compare two runs at a glance. */
  weightsHash: v.string(),
  /** Everything `resume` needs to go on from these weights as one longer run would. */
  state: TrainingStateSchema,
});
export type TrainResult = v.InferOutput<typeof TrainResultSchema>;
