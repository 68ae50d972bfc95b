// A few tiny training runs while the isolate starts, so that its first training request is not
// the first time the core's code runs.
//
// Why: V8 compiles a function when it first runs and optimises it once it has run a while. In a
// fresh isolate the first training request pays for both: 8–17 ms more than the same request warm
// (xor 2-4-1, measured with `wrangler dev`), on a free plan that gives a request 10 ms of CPU.
// Start-up has its own, larger allowance (1 s of CPU) and an isolate then serves many requests, so
// the core runs here once for each kind of loop it has (with a hidden layer or without; tanh and
// sigmoid; bce and sse), and predict once. Measured on this machine: start-up CPU 9–14 → 21–38 ms
// (`wrangler check startup`), the first xor request's extra over warm 8–17 → 1.5–4.5 ms (README,
// benchmark section). The tanh run is the longest because the presets use tanh.
import { predict, type TrainRequest, train } from "../shared/index.ts";
import { errorFacts } from "./request-log.ts";

const xor = {
  inputs: [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ],
  targets: [[0], [1], [1], [0]],
};

/** Together well under one request's budget (maxCost): about a millisecond once compiled. */
export const warmUpRequests: TrainRequest[] = [
  {
    table: xor,
    network: { hidden: [{ units: 4, activation: "tanh" }], output: "sigmoid", bias: true },
    training: { epochs: 1000, learningRate: 1, loss: "bce", seed: 0 },
  },
  {
    table: xor,
    network: { hidden: [{ units: 4, activation: "sigmoid" }], output: "sigmoid", bias: true },
    training: { epochs: 300, learningRate: 0.5, loss: "sse", seed: 0 },
  },
  {
    table: xor,
    network: { hidden: [], output: "sigmoid", bias: true },
    training: { epochs: 300, learningRate: 1, loss: "bce", seed: 0 },
  },
];

/** Runs each warm-up request; never throws, since it only saves time and must not stop a start. */
export function warmUp(): void {
  try {
    for (const request of warmUpRequests) predict(train(request).model, request.table.inputs);
  } catch (error) {
    console.error(JSON.stringify({ event: "warm-up-failed", error: errorFacts(error) }));
  }
}
