// A run's epoch 0: the seeded initial weights `train` starts from, drawn by the same `initialise`.
import { initialise } from "../kernels/init.ts";
import { NumpyRandom } from "../kernels/numpy-random.ts";
import { defaultLimits, type Limits } from "../schemas/limits.ts";
import { type Model, modelFormat } from "../schemas/model.ts";
import type { TrainRequest } from "../schemas/request.ts";
import { resolveRequest } from "../schemas/resolve.ts";
import { checkLimits } from "./cost.ts";
import { emptyNetwork, layersOf } from "./network.ts";

/** The untrained model of a request, as it is before the first update of `train(request)`. */
export function initialModel(request: TrainRequest, limits: Limits = defaultLimits): Model {
  const resolved = resolveRequest(request);
  checkLimits(resolved, limits);
  const network = emptyNetwork(resolved);
  const { init, seed } = resolved.training;
  initialise(network.layers, network.hasBias, init, new NumpyRandom(seed));
  return { format: modelFormat, request: resolved, layers: layersOf(network) };
}
