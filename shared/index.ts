// The public face of the core: the API and the site import from here and nowhere else in shared/.

export { checkLimits, trainingCost } from "./cost.ts";
// The CSV form of a training request (curl and the site's paste box).
export { csvQueryDefaults, csvTrainRequest, parseCsvTable } from "./csv.ts";
export { type Evaluation, evaluate } from "./evaluate.ts";
export { initialModel } from "./initial-model.ts";
export { layerOutputs } from "./layer-outputs.ts";
export { defaultLimits, formatFigure, LimitError, type Limits } from "./limits.ts";
export {
  type Layer,
  type Model,
  ModelSchema,
  modelFormat,
  type StopReason,
  stopReasons,
  type TrainResult,
  TrainResultSchema,
} from "./model.ts";
export { observeRun, type Snapshot, trainedTo } from "./observe.ts";
export { predict } from "./predict.ts";
export { type Preset, presets } from "./presets.ts";
export {
  type Activation,
  activations,
  type InitName,
  inits,
  type LossName,
  losses,
  type OptimizerName,
  optimizers,
  type PredictRequest,
  PredictRequestSchema,
  type ResolvedTrainRequest,
  type TrainRequest,
  TrainRequestSchema,
  type TruthTable,
  TruthTableSchema,
} from "./request.ts";
// Implemented by the core (see issue 2): each in a file of its own.
export { type FieldIssue, RequestError, resolveRequest, toFieldIssues } from "./resolve.ts";
export { type TraceLayer, type TraceStep, traceStep } from "./trace.ts";
export { train } from "./train.ts";
