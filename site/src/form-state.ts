// What the form holds: the request as a person types it (strings, so a half-typed "0." or a
// mistaken "abc" survives until the schema judges it), and its conversion to a TrainRequest.
import type {
  Activation,
  InitName,
  LossName,
  OptimizerName,
  TrainRequest,
} from "../../shared/index.ts";

export type HiddenRow = { units: string; activation: Activation };

export type FormState = {
  name: string;
  inputNames: string[];
  outputNames: string[];
  /** One entry per row: the input cells, then the target cells, as typed. */
  inputs: string[][];
  targets: string[][];
  hidden: HiddenRow[];
  output: Activation;
  bias: boolean;
  loss: LossName;
  optimizer: OptimizerName;
  momentum: string;
  init: InitName;
  learningRate: string;
  epochs: string;
  seed: string;
  batchSize: string;
  targetLoss: string;
  regularization: "" | "l1" | "l2";
  regularizationRate: string;
};

const text = (n: number | undefined): string => (n === undefined ? "" : String(n));

export const defaultInputName = (index: number): string => `x${index + 1}`;
export const defaultOutputName = (index: number): string => `y${index + 1}`;

/** The form showing a request (a preset's, or a stored model's). */
export function formFromRequest(request: TrainRequest): FormState {
  const { table, network, training } = request;
  const inputWidth = table.inputs[0]?.length ?? 0;
  const outputWidth = table.targets[0]?.length ?? 0;
  return {
    name: request.name ?? "",
    inputNames: Array.from(
      { length: inputWidth },
      (_, i) => table.inputNames?.[i] ?? defaultInputName(i),
    ),
    outputNames: Array.from(
      { length: outputWidth },
      (_, i) => table.outputNames?.[i] ?? defaultOutputName(i),
    ),
    inputs: table.inputs.map((row) => row.map(String)),
    targets: table.targets.map((row) => row.map(String)),
    hidden: network.hidden.map((layer) => ({
      units: String(layer.units),
      activation: layer.activation,
    })),
    output: network.output,
    bias: network.bias ?? true,
    loss: training.loss ?? "mse",
    optimizer: training.optimizer ?? "sgd",
    momentum: text(training.momentum ?? 0.9),
    init: training.init ?? "uniform",
    learningRate: text(training.learningRate),
    epochs: text(training.epochs),
    seed: text(training.seed ?? 0),
    // A batch of the whole table is the default: leave the field empty rather than pin a number.
    batchSize: training.batchSize === table.inputs.length ? "" : text(training.batchSize),
    targetLoss: text(training.targetLoss),
    regularization: training.regularization?.kind ?? "",
    regularizationRate: text(training.regularization?.rate ?? 0.001),
  };
}

/** "" is a missing number (NaN, which the schema refuses by name); anything else as JS reads it. */
const required = (typed: string): number => (typed.trim() === "" ? Number.NaN : Number(typed));
const optional = (typed: string): number | undefined =>
  typed.trim() === "" ? undefined : Number(typed);

/** The request the form says, unvalidated: the shared schema decides whether it is good. */
export function requestFromForm(form: FormState): TrainRequest {
  const training: TrainRequest["training"] = {
    epochs: required(form.epochs),
    learningRate: required(form.learningRate),
    seed: optional(form.seed) ?? 0,
    loss: form.loss,
    optimizer: form.optimizer,
    init: form.init,
  };
  if (form.optimizer === "momentum") training.momentum = required(form.momentum);
  const batchSize = optional(form.batchSize);
  if (batchSize !== undefined) training.batchSize = batchSize;
  const targetLoss = optional(form.targetLoss);
  if (targetLoss !== undefined) training.targetLoss = targetLoss;
  if (form.regularization !== "") {
    training.regularization = {
      kind: form.regularization,
      rate: required(form.regularizationRate),
    };
  }
  const request: TrainRequest = {
    table: {
      inputs: form.inputs.map((row) => row.map(required)),
      targets: form.targets.map((row) => row.map(required)),
      inputNames: form.inputNames.map((name, i) => name.trim() || defaultInputName(i)),
      outputNames: form.outputNames.map((name, i) => name.trim() || defaultOutputName(i)),
    },
    network: {
      hidden: form.hidden.map((layer) => ({
        units: required(layer.units),
        activation: layer.activation,
      })),
      output: form.output,
      bias: form.bias,
    },
    training,
  };
  if (form.name.trim() !== "") request.name = form.name.trim();
  return request;
}
