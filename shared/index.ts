// The public face of the core: the API and the site import from here and nowhere else in shared/.

// Going on from a stored model, and jobs: runs cut into slices (issue 8).
export {
  type ContinueJob,
  ContinueJobSchema,
  type ContinueRequest,
  ContinueRequestSchema,
  continuedRequest,
} from "./continue-request.ts";
export { checkLimits, trainingCost } from "./cost.ts";
// The CSV form of a training request (curl and the site's paste box).
export { csvQueryDefaults, csvTrainRequest, parseCsvTable } from "./csv.ts";
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
} from "./job-plan.ts";
export { defaultLimits, formatFigure, LimitError, type Limits } from "./limits.ts";
export {
  type Layer,
  type Model,
  ModelSchema,
  modelFormat,
  type StopReason,
  stopReasons,
} from "./model.ts";
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
  trainRequestChecks,
  trainRequestEntries,
  withDefaults,
} from "./request.ts";
// Implemented by the core (see issue 2): each in a file of its own.
export { type FieldIssue, RequestError, resolveRequest, toFieldIssues } from "./resolve.ts";
// DEVELOPMENT SHIM (never lands): the contract of issue 8 Part A.
export {
  ResumeError,
  resume,
  type TrainingState,
  TrainingStateSchema,
  type TrainResult,
  TrainResultSchema,
  train,
  trainingStateFormat,
} from "./resume-shim.ts";
export { type TraceLayer, type TraceStep, traceStep } from "./trace.ts";
