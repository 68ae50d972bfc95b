// The public face of the core: the API and the site import from here and nowhere else in shared/.
// What is behind it (shared/README.md): schemas/ says what a request, a model and a run's state
// may be and parses them; kernels/ holds the arithmetic (products, activations, losses, exp,
// optimizers, init, numpy's generator); training/ runs, prices, traces and predicts with them.

// A stored model as ONNX, a JavaScript module, a Python function or a C header (issue 10).
export {
  type ExportedFile,
  type ExportFormat,
  type ExportInfo,
  exportFileName,
  exportFormats,
  exportModel,
  exportView,
  formatFacts,
  isExportFormat,
  onnxIrVersion,
  onnxOpset,
  usageSnippet,
} from "./export/index.ts";
// Every row of n binary inputs, in counting order (the page's "every combination").
export { allRows } from "./schemas/all-rows.ts";
// Going on from a stored model, and jobs: runs cut into slices (issue 8).
export {
  type ContinueJob,
  ContinueJobSchema,
  type ContinueRequest,
  ContinueRequestSchema,
  continuedRequest,
} from "./schemas/continue.ts";
// The CSV form of a training request (curl and the site's paste box).
export {
  csvQueryDefaults,
  csvTrainRequest,
  detectSeparator,
  parseCsvTable,
  type Separator,
  tableMediaTypes,
} from "./schemas/csv.ts";
// A run's training state, and going on from it (docs/core-state.md).
export {
  isFinished,
  type JobAccepted,
  type JobStatus,
  type JobView,
  jobStatuses,
} from "./schemas/job.ts";
export { defaultLimits, formatFigure, LimitError, type Limits } from "./schemas/limits.ts";
export {
  type Layer,
  type Model,
  ModelSchema,
  modelFormat,
  type TrainResult,
  TrainResultSchema,
} from "./schemas/model.ts";
export { type Preset, presets } from "./schemas/presets.ts";
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
  trainRequestChecks,
  trainRequestEntries,
  withDefaults,
} from "./schemas/request.ts";
export { type FieldIssue, RequestError, resolveRequest, toFieldIssues } from "./schemas/resolve.ts";
export {
  type StopReason,
  stopReasons,
  type TrainingState,
  TrainingStateSchema,
  trainingStateFormat,
} from "./schemas/state.ts";
export {
  type CostTerms,
  checkLimits,
  costTerms,
  costWeights,
  trainingCost,
} from "./training/cost.ts";
export { type Evaluation, evaluate } from "./training/evaluate.ts";
export { initialModel } from "./training/initial-model.ts";
export {
  cloneCostPerNumber,
  defaultJobCostMultiple,
  epochsWithin,
  fixedSteps,
  JobLimitError,
  type JobLimitName,
  type JobLimits,
  type JobPlan,
  jobLimitsFor,
  planJob,
  sliceEpochs,
  sliceShare,
  stepOverheadCost,
  stepResultBound,
  stepResultNumbers,
  workflowStepLimit,
  workflowStepResultBytes,
} from "./training/job-plan.ts";
export {
  endOfRun,
  type JobSliceResult,
  type JobSliceStart,
  runJobSlice,
  type SliceInProgress,
  type SlicePlan,
} from "./training/job-slice.ts";
export { layerOutputs } from "./training/layer-outputs.ts";
export {
  Checkpoint,
  observeRun,
  type RunPoint,
  type Snapshot,
  trainedTo,
  type WatchedRun,
  watchRun,
} from "./training/observe.ts";
export { predict } from "./training/predict.ts";
export { resume, resumeCost, StoppedRunError } from "./training/resume.ts";
export { type TraceLayer, type TraceStep, traceStep } from "./training/trace.ts";
export { type SliceOptions, train, trainResolved } from "./training/train.ts";
