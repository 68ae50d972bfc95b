// A run's epoch 0: the seeded initial weights `train` starts from, drawn by the same `initialise`.
import { checkLimits } from "./cost.ts";
import { initialise } from "./init.ts";
import { defaultLimits, type Limits } from "./limits.ts";
import { type Model, modelFormat } from "./model.ts";
import { emptyNetwork, layersOf } from "./network.ts";
import { NumpyRandom } from "./numpy-random.ts";
import type { TrainRequest } from "./request.ts";
import { resolveRequest } from "./resolve.ts";

/** The untrained model of a request, as it is before the first update of `train(request)`. */
export function initialModel(request: TrainRequest, limits: Limits = defaultLimits): Model {
  const resolved = resolveRequest(request);
  checkLimits(resolved, limits);
  const network = emptyNetwork(resolved);
  initialise(network, resolved.training.init, new NumpyRandom(resolved.training.seed));
  return { format: modelFormat, request: resolved, layers: layersOf(network) };
}
