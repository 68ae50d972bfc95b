// A run's price, known before it starts: a Worker cannot stop a run by the clock, so `train`
// refuses any request over a limit before it does any work.
import { defaultLimits, LimitError, type Limits } from "./limits.ts";
import type { ResolvedTrainRequest, TrainRequest } from "./request.ts";

/**
 * Multiply-adds of the whole run. With rows n, epochs E, layer l joining a_l inputs to b_l units,
 * P = Σ a_l·b_l (all weights), P′ = the same sum without the first layer (errors passed back stop
 * at the first hidden layer), B = Σ b_l when the network has bias (else 0), and
 * S = ⌈n / batchSize⌉ updates per epoch:
 *
 *   cost = E · (n·(P + P + P′) + S·(P + B) + 24) + n·P
 *
 * forward n·P, weight gradients n·P, errors passed back n·P′, each update P + B, the loop's own
 * fixed work per epoch counted as 24 multiply-adds (it takes ~65 ns, as long as 24 multiply-adds
 * do in small networks, measured with `npm run bench`), and one last forward pass over the table
 * for the result. Counted from the request alone, without parsing it,
 * so that it can price a request that has not been checked yet (missing parts count as nothing).
 */
/** The fixed work of one epoch, in multiply-adds: see `trainingCost`. */
export const epochOverhead = 24;

export function trainingCost(request: TrainRequest): number {
  const rows = request.table?.inputs?.length ?? 0;
  const inputs = request.table?.inputs?.[0]?.length ?? 0;
  const outputs = request.table?.targets?.[0]?.length ?? 0;
  const hidden = request.network?.hidden ?? [];
  const sizes = [inputs, ...hidden.map((layer) => layer.units), outputs];
  let weights = 0;
  let passedBack = 0;
  let units = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const joins = (sizes[l] as number) * (sizes[l + 1] as number);
    weights += joins;
    if (l > 0) passedBack += joins;
    units += sizes[l + 1] as number;
  }
  const biases = request.network?.bias === false ? 0 : units;
  const epochs = request.training?.epochs ?? 0;
  const batchSize = Math.min(request.training?.batchSize ?? rows, rows);
  const updates = batchSize > 0 ? Math.ceil(rows / batchSize) : 0;
  return (
    epochs * (rows * (2 * weights + passedBack) + updates * (weights + biases) + epochOverhead) +
    rows * weights
  );
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
