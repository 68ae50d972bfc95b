// A few tiny training runs while the isolate starts, so that its first training request is not
// the first time the core's code runs.
//
// Why: V8 compiles a function when it first runs and optimises it once it has run a while. In a
// fresh isolate the first training request pays for both: 8–17 ms more than the same request warm
// (xor 2-4-1, measured with `wrangler dev`), on a free plan that gives a request 10 ms of CPU.
// Start-up has its own, larger allowance (1 s of CPU) and an isolate then serves many requests, so
// the core runs here once for each path through its kernels, and predicts with each model. With
// the first version of this warm-up (three xor runs), start-up CPU went 9–14 → 21–38 ms and the
// first xor request's extra over warm 8–17 → 1.5–4.5 ms; with every path it was 65–95 ms of
// start-up (`wrangler check startup`, 2026-12-01), about 100 ms with the route's work below
// (155–160 ms on a slower hour, against 160–176 without the route's HTTP path).
// What the first request still pays, and why: bench/README.md, "The warm-up".
import * as v from "valibot";
import { allRows, predict, type TrainRequest, train, trainResolved } from "../shared/index.ts";
import { errorFacts } from "./request-log.ts";
import { TrainBodySchema } from "./train-body.ts";

const xor = {
  inputs: [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ],
  targets: [[0], [1], [1], [0]],
};

/** Eight rows of eight inputs and two outputs: wide enough for every tile of the kernels. */
const wide = {
  inputs: Array.from({ length: 8 }, (_, r) =>
    Array.from({ length: 8 }, (_, c) => (r >> (c % 3)) & 1),
  ),
  targets: Array.from({ length: 8 }, (_, r) => [r & 1, (r >> 1) & 1]),
};

const activations = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"] as const;
const outputs = ["sigmoid", "tanh", "linear"] as const;

/**
 * One short run for each path through the kernels a request can take: every activation (hidden
 * and output), loss and optimizer, mini-batches, regularization, no bias, two hidden layers of
 * five units (the two-unit tiles and what they leave). Without them V8 optimises the loops for
 * the paths xor takes, and the first request on another path throws that code away and runs
 * unoptimised until it is compiled again: a 256-row run at maxCost took 4–5× its warm time.
 */
const paths: TrainRequest[] = activations.flatMap((activation, a) =>
  (["sgd", "momentum", "adam"] as const).map((optimizer, o): TrainRequest => {
    const loss = (["sse", "mse", "bce"] as const)[(a + o) % 3] ?? "mse";
    return {
      table: wide,
      network: {
        hidden: [
          { units: 5, activation },
          { units: 5, activation: activations[(a + 1) % activations.length] ?? "tanh" },
        ],
        output: loss === "bce" ? "sigmoid" : (outputs[(a + o + 1) % outputs.length] ?? "sigmoid"),
        bias: (a + o) % 4 !== 3,
      },
      training: {
        epochs: 20,
        learningRate: 0.01,
        loss,
        optimizer,
        seed: 0,
        ...((a + o) % 2 === 0 ? { batchSize: 3 } : {}),
        ...(o === 1 ? { regularization: { kind: a % 2 === 0 ? "l1" : "l2", rate: 1e-3 } } : {}),
      },
    };
  }),
);

/** Together well under one request's budget (maxCost): a few milliseconds once compiled. */
export const warmUpRequests: TrainRequest[] = [
  ...paths,
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

/**
 * Runs one part of the warm-up, and logs it if it throws instead of throwing on: the warm-up only
 * saves time and must not stop a start.
 */
function attempt(work: () => void): void {
  try {
    work();
  } catch (error) {
    logFailure(error);
  }
}

/** The warm-up's one log line: which part failed and where, never the error's message. */
function logFailure(error: unknown): void {
  console.error(JSON.stringify({ event: "warm-up-failed", error: errorFacts(error) }));
}

/** Runs each warm-up request. */
export function warmUp(): void {
  attempt(() => {
    for (const request of warmUpRequests) predict(train(request).model, request.table.inputs);
  });
}

/** A body of the largest table a request may send, all 256 rows of 8 inputs, as JSON text. */
const rows = allRows(8);
export const warmUpBody = JSON.stringify({
  table: { inputs: rows, targets: rows.map((row) => [row[0] ?? 0]) },
  network: { hidden: [{ units: 16, activation: "sigmoid" }], output: "sigmoid" },
  training: { epochs: 6, learningRate: 0.02, loss: "sse", seed: 0 },
  persist: false,
});

/**
 * The train route's own work on that body, three times: parse, validate (the route's schema),
 * train, answer. The tiny runs above leave what a large table runs (the validation of its rows,
 * the loops over many rows) to be optimised during the first such request. Measured on the deploy
 * bundle (bench/deployed-workerd.ts, 24 fresh workerds each, alternating, 2026-12-01), the first
 * training request's CPU over a health request's, median: 256 rows 11.9 → 10.1 and 12.7 → 11.4 ms
 * (two runs), xor 6.0 → 4.9 ms. The HTTP objects around it cannot be made here: workerd refuses a
 * Request with a body in the global scope.
 */
export function warmUpRoute(): void {
  attempt(() => {
    for (let k = 0; k < 3; k++) {
      const { request } = v.parse(TrainBodySchema, JSON.parse(warmUpBody));
      const { model, ...result } = trainResolved(request);
      JSON.stringify({ model, result });
    }
  });
}

/** workerd's refusal of a `Response` (or a `Request` with a body) before the first request. */
const refusedAtStartUp = "Disallowed operation called within global scope";

/** Whether this runs before the isolate's first request, where workerd makes no `Response`. */
export function responsesRefused(): boolean {
  try {
    new Response("");
    return false;
  } catch (error) {
    return String(error).includes(refusedAtStartUp);
  }
}

/**
 * A stand-in for `POST /api/train` with `warmUpBody`: what Hono and the route read of a request
 * (its URL, method, headers and body text; Hono parses JSON from the text), the body already read.
 * workerd refuses a real `Request` with a body before the first request; this one has no stream.
 */
export function warmUpTrainRequest(): Request {
  return {
    url: "http://localhost/api/train",
    method: "POST",
    headers: new Headers({ "content-type": "application/json" }),
    body: null,
    text: async () => warmUpBody,
  } as unknown as Request;
}

/**
 * The train route's HTTP path itself, once, through the app: Hono's handlers, the route's
 * middleware and handler, the training and its answer's JSON. V8 parses and compiles each
 * function to bytecode the first time it is called, and this path ran first in the first training
 * request: 1.7 of the 4.7 ms it paid over a warm one (bench/README.md, "The warm-up"). At start-up
 * it runs up to the answer, whose `Response` workerd refuses, as it does the error handler's: the
 * promise rejects, no answer is made and no log line written (the request log writes after the
 * answer). Any other outcome is logged as a failed warm-up. Where a `Response` can be made (a
 * request's own context, Node) the run would answer and be logged as a training request, so it
 * does not run. Measured on the deploy bundle (12 fresh workerds each, alternating, three runs,
 * 2026-12-01), the first 256-row request's CPU over a health request's, median: 11.8 → 8.5,
 * 11.9 → 10.2 and 10.5 → 9.4 ms; its excess over the warm ones' 4.4 → 2.9, 4.2 → 2.9 and
 * 3.0 → 2.5 ms. Start-up CPU did not measurably change.
 */
export async function warmUpRequestPath(
  fetch: (request: Request, env: Env, context: ExecutionContext) => Response | Promise<Response>,
  atStartUp = responsesRefused(),
): Promise<void> {
  if (!atStartUp) return;
  // Rate limits off, and every limit the default: the request's figures are the warm-up's own.
  const env = { RATE_LIMIT: "off" } as unknown as Env;
  const context = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown;
  try {
    const response = await fetch(warmUpTrainRequest(), env, context as ExecutionContext);
    throw new Error(`the warm-up request was answered at start-up (${response.status})`);
  } catch (error) {
    if (!String(error).includes(refusedAtStartUp)) logFailure(error);
  }
}

/**
 * Builds the app's router now, not on the first request: Hono's RegExpRouter compiles every route
 * into its matcher the first time it matches, about 2.3 ms of CPU here (Node, 2026-12-01) that
 * the first request of each isolate paid. Matching is computation only, allowed at start-up.
 */
export function warmUpRouter(router: { match(method: string, path: string): unknown }): void {
  attempt(() => router.match("GET", "/api/health"));
}
