// A run's training state as JSON: everything needed to go on from where it stopped exactly as one
// long run would (`resume`), beside the model that holds the weights. Every number is a finite
// double or a 32-bit word, so the state survives a JSON round trip bit for bit.
import * as v from "valibot";

export const trainingStateFormat = "backprop-edge/state@1";

/** How a run stopped: it ran its epochs, reached its target loss, or diverged. */
export const stopReasons = ["epochs", "target-loss", "diverged"] as const;
export type StopReason = (typeof stopReasons)[number];

const finiteNumber = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const word = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffff_ffff));

/** One value per weight of a layer (fanIn × fanOut, row-major as numpy's `W.ravel()`) and per bias. */
const LayerValuesSchema = v.strictObject({
  weights: v.array(finiteNumber),
  /** null for a network without bias. */
  biases: v.nullable(v.array(finiteNumber)),
});
export type LayerValues = v.InferOutput<typeof LayerValuesSchema>;

const OptimizerStateSchema = v.variant("kind", [
  v.strictObject({ kind: v.literal("sgd") }),
  v.strictObject({
    kind: v.literal("momentum"),
    /** v of `v ← μ·v − lr·g`, layer by layer. */
    velocity: v.array(LayerValuesSchema),
  }),
  v.strictObject({
    kind: v.literal("adam"),
    /** Updates done: t of the bias corrections 1 − β^t. */
    step: count,
    /** β1^t and β2^t as the run multiplied them up, one factor per update (not Math.pow). */
    beta1Power: v.pipe(finiteNumber, v.minValue(0), v.maxValue(1)),
    beta2Power: v.pipe(finiteNumber, v.minValue(0), v.maxValue(1)),
    /** m and v, layer by layer. */
    firstMoment: v.array(LayerValuesSchema),
    secondMoment: v.array(LayerValuesSchema),
  }),
]);

/** numpy's MT19937 (its 624 words and the position in them) and the row order it shuffles. */
const ShuffleStateSchema = v.strictObject({
  words: v.pipe(v.array(word), v.length(624)),
  position: v.pipe(count, v.maxValue(624)),
  /** The table's rows in the order the last epoch took them; each epoch shuffles this array. */
  order: v.array(count),
});

export const TrainingStateSchema = v.strictObject({
  format: v.literal(trainingStateFormat),
  /** Epochs the weights have had. */
  epochsDone: count,
  /** How the run stopped: only a run that ran its epochs can go on. */
  stoppedBy: v.picklist(stopReasons),
  optimizer: OptimizerStateSchema,
  /** null when every batch is the whole table (nothing is shuffled). */
  shuffle: v.nullable(ShuffleStateSchema),
  /**
   * The loss curve as the run records it: the loss at epochs 0, stride, 2·stride, … (before the
   * epoch's update; with mini-batches, as seen during the epoch), at most 199 points; when full,
   * every other point is dropped and the stride doubles. The result's history is these points
   * and the final loss.
   */
  history: v.strictObject({
    stride: v.pipe(count, v.minValue(1)),
    points: v.array(v.tuple([count, finiteNumber])),
  }),
  /**
   * Only in the state of a slice that its run goes on from (a job's or an observed run's slice
   * before the last) whose weights may overflow on some batch (their loss sum over the table is
   * over half the largest double, or not finite): the weights and biases as they were before the
   * run's last update, layer by layer. Such a slice's weights are not judged over the whole table
   * (one run in one go judges them only at its end), so the next batch may find they overflow;
   * the run then undoes that update, as the one-go run does, which needs these.
   */
  beforeLastUpdate: v.optional(v.array(LayerValuesSchema)),
});
export type TrainingState = v.InferOutput<typeof TrainingStateSchema>;
