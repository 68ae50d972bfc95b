// The one definition of what a training request may say. The API validates bodies with it, the
// site validates its form with it, and `train` parses with it, so the three can never disagree.
import * as v from "valibot";

// `v.number()` alone accepts Infinity (JSON `1e999` parses to it), so every number is finite.
const finiteNumber = v.pipe(v.number(), v.finite());
const count = (min: number) => v.pipe(v.number(), v.integer(), v.minValue(min));

export const activations = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"] as const;
export const losses = ["sse", "mse", "bce"] as const;
export const optimizers = ["sgd", "momentum", "adam"] as const;
export const inits = ["uniform", "xavier", "he"] as const;

export const ActivationSchema = v.picklist(activations);
export type Activation = v.InferOutput<typeof ActivationSchema>;
export type LossName = (typeof losses)[number];
export type OptimizerName = (typeof optimizers)[number];
export type InitName = (typeof inits)[number];

const RowSchema = v.pipe(v.array(finiteNumber), v.minLength(1, "a row needs at least one column"));
const NamesSchema = v.array(v.pipe(v.string(), v.maxLength(64)));

/** Every row as wide as the first, names matching the widths, as many targets as inputs. */
function checkTableShape({
  dataset,
  addIssue,
}: v.RawCheckContext<{
  inputs: number[][];
  targets: number[][];
  inputNames?: string[] | undefined;
  outputNames?: string[] | undefined;
}>): void {
  if (!dataset.typed) return;
  const table = dataset.value;
  const at = (
    key: string,
    index?: number,
  ): [v.ObjectPathItem] | [v.ObjectPathItem, v.ArrayPathItem] => {
    const field = (table as Record<string, unknown>)[key];
    const head: v.ObjectPathItem = {
      type: "object",
      origin: "value",
      input: table,
      key,
      value: field,
    };
    if (index === undefined || !Array.isArray(field)) return [head];
    return [
      head,
      { type: "array", origin: "value", input: field, key: index, value: field[index] },
    ];
  };
  const checkWidths = (key: "inputs" | "targets") => {
    const rows = table[key];
    const width = rows[0]?.length ?? 0;
    rows.forEach((row, index) => {
      if (row.length !== width) {
        addIssue({
          message: `row ${index} has ${row.length} columns, the first row has ${width}`,
          path: at(key, index),
        });
      }
    });
    return width;
  };
  const inputWidth = checkWidths("inputs");
  const outputWidth = checkWidths("targets");
  if (table.targets.length !== table.inputs.length) {
    addIssue({
      message: `${table.targets.length} target rows for ${table.inputs.length} input rows`,
      path: at("targets"),
    });
  }
  if (table.inputNames && table.inputNames.length !== inputWidth) {
    addIssue({
      message: `${inputWidth} input columns need ${inputWidth} names`,
      path: at("inputNames"),
    });
  }
  if (table.outputNames && table.outputNames.length !== outputWidth) {
    addIssue({
      message: `${outputWidth} target columns need ${outputWidth} names`,
      path: at("outputNames"),
    });
  }
}

export const TruthTableSchema = v.pipe(
  v.strictObject({
    inputs: v.pipe(v.array(RowSchema), v.minLength(1, "the table needs at least one row")),
    targets: v.pipe(v.array(RowSchema), v.minLength(1, "the table needs at least one row")),
    inputNames: v.optional(NamesSchema),
    outputNames: v.optional(NamesSchema),
  }),
  v.rawCheck(checkTableShape),
);
export type TruthTable = v.InferOutput<typeof TruthTableSchema>;

export const HiddenLayerSchema = v.strictObject({
  units: count(1),
  activation: ActivationSchema,
});

export const NetworkSchema = v.strictObject({
  hidden: v.array(HiddenLayerSchema),
  output: ActivationSchema,
  bias: v.optional(v.boolean(), true),
});

export const RegularizationSchema = v.strictObject({
  kind: v.picklist(["l1", "l2"]),
  rate: v.pipe(finiteNumber, v.minValue(0)),
});

export const TrainingSchema = v.strictObject({
  epochs: count(1),
  learningRate: v.pipe(finiteNumber, v.gtValue(0, "the learning rate must be above 0")),
  seed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffff_ffff)), 0),
  loss: v.optional(v.picklist(losses), "mse"),
  optimizer: v.optional(v.picklist(optimizers), "sgd"),
  momentum: v.optional(v.pipe(finiteNumber, v.minValue(0), v.ltValue(1)), 0.9),
  batchSize: v.optional(count(1)),
  init: v.optional(v.picklist(inits), "uniform"),
  regularization: v.optional(RegularizationSchema),
  targetLoss: v.optional(v.pipe(finiteNumber, v.minValue(0))),
});

type ParsedRequest = {
  table: TruthTable;
  network: v.InferOutput<typeof NetworkSchema>;
  training: v.InferOutput<typeof TrainingSchema>;
};

/** Rules that span two parts of the request. */
function checkAcrossParts<T extends ParsedRequest>({
  dataset,
  addIssue,
}: v.RawCheckContext<T>): void {
  if (!dataset.typed) return;
  const { table, network, training } = dataset.value;
  const trainingItem: v.ObjectPathItem = {
    type: "object",
    origin: "value",
    input: dataset.value,
    key: "training",
    value: training,
  };
  const field = (key: string): v.ObjectPathItem => ({
    type: "object",
    origin: "value",
    input: training,
    key,
    value: (training as Record<string, unknown>)[key],
  });
  if (training.loss === "bce" && network.output !== "sigmoid") {
    addIssue({ message: "bce needs a sigmoid output", path: [trainingItem, field("loss")] });
  }
  if (training.loss === "bce" && table.targets.some((row) => row.some((t) => t < 0 || t > 1))) {
    addIssue({ message: "bce needs targets between 0 and 1", path: [trainingItem, field("loss")] });
  }
  if (training.batchSize !== undefined && training.batchSize > table.inputs.length) {
    addIssue({
      message: `a batch of ${training.batchSize} is more than the ${table.inputs.length} rows`,
      path: [trainingItem, field("batchSize")],
    });
  }
}

/** The fields of a training request. The API's body adds its own `persist` flag to them. */
export const trainRequestEntries = {
  table: TruthTableSchema,
  network: NetworkSchema,
  training: TrainingSchema,
  name: v.optional(v.pipe(v.string(), v.maxLength(100))),
};

/** The rules across parts, for a strict object of `trainRequestEntries` and maybe more fields. */
export const trainRequestChecks = <T extends ParsedRequest>() => v.rawCheck<T>(checkAcrossParts);

/**
 * The whole table is one batch unless the request says otherwise. The training fields keep the
 * schema's order, `batchSize` in its place (a parse orders them so), so that a request's JSON is
 * the same text whether it was parsed once or again.
 */
export function withDefaults<T extends ParsedRequest>(request: T) {
  const { training } = request;
  const batchSize = training.batchSize ?? request.table.inputs.length;
  const fields = Object.keys(TrainingSchema.entries).filter(
    (key) => key === "batchSize" || Object.hasOwn(training, key),
  );
  const ordered = Object.fromEntries(
    fields.map((key) => [
      key,
      key === "batchSize" ? batchSize : training[key as keyof typeof training],
    ]),
  ) as typeof training & { batchSize: number };
  return { ...request, training: ordered };
}

export const TrainRequestSchema = v.pipe(
  v.strictObject(trainRequestEntries),
  trainRequestChecks(),
  v.transform(withDefaults),
);

/** A request as a caller writes it: defaults may be left out. */
export type TrainRequest = v.InferInput<typeof TrainRequestSchema>;
/** A request with every default filled in: what a model records about how it was trained. */
export type ResolvedTrainRequest = v.InferOutput<typeof TrainRequestSchema>;

export const PredictRequestSchema = v.strictObject({
  inputs: v.pipe(
    v.array(RowSchema),
    v.minLength(1, "give at least one row"),
    v.maxLength(256, "at most 256 rows at once"),
  ),
});
export type PredictRequest = v.InferOutput<typeof PredictRequestSchema>;
