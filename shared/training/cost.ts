// A run's price, known before it starts: a Worker cannot stop a run by the clock, so `train`
// refuses any request over a limit before it does any work. The price is in multiply-adds, plus
// every other kind of work the run does, each counted as the multiply-adds that take as long, so
// that one budget bounds the CPU of every shape and setting (`npm run bench:budget` checks it).
import { defaultLimits, LimitError, type Limits } from "../schemas/limits.ts";
import type { ResolvedTrainRequest, TrainRequest } from "../schemas/request.ts";

/**
 * What a run does, counted from the request alone. With rows n, epochs E, L weight layers joining
 * s_0 inputs … s_L outputs, P = Σ s_(l−1)·s_l weights, P′ = the same sum without the first layer
 * (errors passed back stop at the first hidden layer), U = Σ s_l units (l ≥ 1), B = U with bias
 * (else 0), batch size b and S = ⌈n / b⌉ updates per epoch:
 */
export type CostTerms = {
  /** E·n·(2P + P′) + n·P: forward, weight gradients and errors passed back, and the final forward. */
  multiplyAdds: number;
  /** (E + 1)·n row passes, each epoch's and the final one's. */
  rowPasses: number;
  /** Units evaluated: row passes × U (each with its bias, activation, slope and error). */
  units: number;
  /** Of those, sigmoid units (an exp each) and tanh units (the core's tanh each). */
  sigmoidUnits: number;
  tanhUnits: number;
  /** Output values scored with bce (a log1p and an exp each): row passes × s_L with bce, else 0. */
  bceOutputs: number;
  /** Values copied into mini-batches, E·n·(s_0 + s_L + 1) (the 1: the shuffle); 0 at b = n. */
  gatheredValues: number;
  /** E·S batch steps. */
  batches: number;
  /** (E·S + 1)·L layer passes: a batch's forward and backward through one layer (its calls). */
  layerPasses: number;
  /** E·S·L layer updates done apart from the backward pass (momentum, adam, regularization). */
  separateUpdates: number;
  /** E·S·(P + B) parameter updates, of which `momentumUpdates` or `adamUpdates` all or none. */
  parameterUpdates: number;
  momentumUpdates: number;
  adamUpdates: number;
  /** E·S·P weights regularized (a rate above 0), else 0. */
  regularizedWeights: number;
  /** P + B: set up, copied, turned into the model's arrays and hashed once per run. */
  parameters: number;
  /** n·(s_0 + s_L): table values parsed and copied once per run. */
  tableValues: number;
};

/**
 * What each term costs, in multiply-adds: the time one of them takes over the time of one
 * multiply-add in a wide layer, measured over the shapes in bench/budget.ts (`npm run bench:budget`
 * prints ns per unit for each; with these weights the worst was 2.20–2.85× the best in four
 * 16-round runs, 2026-12-01, with the machine's noise a good part of it: bench/README.md).
 */
export const costWeights: Readonly<Record<keyof CostTerms, number>> = {
  multiplyAdds: 1,
  rowPasses: 4,
  units: 14,
  sigmoidUnits: 8,
  tanhUnits: 20,
  bceOutputs: 48,
  gatheredValues: 10,
  batches: 16,
  layerPasses: 60,
  separateUpdates: 50,
  parameterUpdates: 4,
  momentumUpdates: 1,
  adamUpdates: 6,
  regularizedWeights: 2,
  parameters: 380,
  tableValues: 100,
};

/**
 * The terms of a request. Counted without parsing it, so that it can price a request that has not
 * been checked yet: missing parts count as nothing, defaults as `train` fills them in.
 */
export function costTerms(request: TrainRequest): CostTerms {
  const rows = request.table?.inputs?.length ?? 0;
  const inputs = request.table?.inputs?.[0]?.length ?? 0;
  const outputs = request.table?.targets?.[0]?.length ?? 0;
  const hidden = request.network?.hidden ?? [];
  const sizes = [inputs, ...hidden.map((layer) => layer.units), outputs];
  const activations = [...hidden.map((layer) => layer.activation), request.network?.output];
  const layers = sizes.length - 1;
  let weights = 0;
  let passedBack = 0;
  let units = 0;
  let sigmoidUnits = 0;
  let tanhUnits = 0;
  for (let l = 0; l < layers; l++) {
    const fanOut = sizes[l + 1] as number;
    const joins = (sizes[l] as number) * fanOut;
    weights += joins;
    if (l > 0) passedBack += joins;
    units += fanOut;
    if (activations[l] === "sigmoid") sigmoidUnits += fanOut;
    if (activations[l] === "tanh") tanhUnits += fanOut;
  }
  const parameters = weights + (request.network?.bias === false ? 0 : units);
  const training = request.training;
  const epochs = training?.epochs ?? 0;
  const batchSize = Math.min(training?.batchSize ?? rows, rows);
  const batches = batchSize > 0 ? epochs * Math.ceil(rows / batchSize) : 0;
  const optimizer = training?.optimizer ?? "sgd";
  const regularized = (training?.regularization?.rate ?? 0) > 0;
  const rowPasses = (epochs + 1) * rows;
  return {
    multiplyAdds: epochs * rows * (2 * weights + passedBack) + rows * weights,
    rowPasses,
    units: rowPasses * units,
    sigmoidUnits: rowPasses * sigmoidUnits,
    tanhUnits: rowPasses * tanhUnits,
    bceOutputs: training?.loss === "bce" ? rowPasses * outputs : 0,
    gatheredValues: batchSize < rows ? epochs * rows * (inputs + outputs + 1) : 0,
    batches,
    layerPasses: (batches + (rows > 0 ? 1 : 0)) * layers,
    separateUpdates: optimizer === "sgd" && !regularized ? 0 : batches * layers,
    parameterUpdates: batches * parameters,
    momentumUpdates: optimizer === "momentum" ? batches * parameters : 0,
    adamUpdates: optimizer === "adam" ? batches * parameters : 0,
    regularizedWeights: regularized ? batches * weights : 0,
    parameters,
    tableValues: rows * (inputs + outputs),
  };
}

/** The price of the whole run in multiply-adds: Σ costWeights[term] · costTerms(request)[term]. */
export function trainingCost(request: TrainRequest): number {
  const terms = costTerms(request);
  let cost = 0;
  for (const term of Object.keys(costWeights) as (keyof CostTerms)[]) {
    cost += costWeights[term] * terms[term];
  }
  return cost;
}

/** Throws a LimitError, naming the request field, for the first limit the request is over. */
export function checkLimits(request: ResolvedTrainRequest, limits: Limits = defaultLimits): void {
  const { table, network, training } = request;
  const over = (limit: keyof Limits, figure: number, path: string, what: string) => {
    if (figure > limits[limit]) throw new LimitError(limit, figure, limits[limit], path, what);
  };
  over("maxRows", table.inputs.length, "table.inputs", "rows");
  over("maxInputs", table.inputs[0]?.length ?? 0, "table.inputs.0", "inputs");
  over("maxOutputs", table.targets[0]?.length ?? 0, "table.targets.0", "outputs");
  over("maxHiddenLayers", network.hidden.length, "network.hidden", "hidden layers");
  network.hidden.forEach((layer, index) => {
    over("maxUnits", layer.units, `network.hidden.${index}.units`, "units");
  });
  over("maxEpochs", training.epochs, "training.epochs", "epochs");
  over("maxCost", trainingCost(request), "", "multiply-adds");
}
