// The replay worker: runs the core's own training loop (observeRun, trainedTo) off the main
// thread and sends the page the run's snapshots, a batch at a time, so the page never freezes.
import {
  evaluate,
  initialModel,
  LimitError,
  type Limits,
  observeRun,
  RequestError,
  type Snapshot,
  type TrainRequest,
  type TrainResult,
  trainedTo,
} from "../../shared/index.ts";
import { parameterCount, type Shape, shapeOf, writeParameters } from "./parameters.ts";
import {
  checkpointBudgetBytes,
  type FromWorker,
  frameBudgetBytes,
  type ToWorker,
} from "./replay-protocol.ts";

type Scope = {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
};
const scope = globalThis as unknown as Scope;

/** Work for about this long, then let the page's next order in (a new run replaces this one). */
const sliceMilliseconds = 12;
/** Frames go to the page at least this often while a run is computed. */
const batchFrames = 256;

type Run = {
  run: number;
  request: TrainRequest;
  limits: Limits;
  snapshots: Generator<Snapshot, void, undefined>;
  shape: Shape;
  size: number;
  checkpointEvery: number;
  checkpoints: TrainResult[];
  frames: number;
  started: number;
};

let current: Run | undefined;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function fail(run: number, error: unknown): void {
  if (current?.run === run) current = undefined;
  if (error instanceof RequestError) {
    post({ kind: "failed", run, message: error.message, issues: error.issues });
  } else if (error instanceof LimitError) {
    post({
      kind: "failed",
      run,
      message: error.message,
      issues: [{ path: error.path, message: error.message }],
    });
  } else {
    post({ kind: "failed", run, message: String(error), issues: [] });
  }
}

function start(run: number, request: TrainRequest, limits: Limits): void {
  try {
    const first = initialModel(request, limits);
    const shape = shapeOf(first);
    const size = parameterCount(shape);
    const epochs = first.request.training.epochs;
    const capacity = Math.max(2, Math.floor(frameBudgetBytes / (8 * size + 16)));
    const every = Math.max(1, Math.ceil(epochs / (capacity - 2)));
    const frames = Math.ceil(epochs / every) + 1;
    // A checkpoint holds a result (its model, optimizer state, history, predictions).
    const rows = first.request.table.inputs.length;
    const checkpointBytes = 8 * (3 * size + rows * (shape.at(-1)?.fanOut ?? 1) + 1500);
    const checkpointCount = Math.min(64, Math.floor(checkpointBudgetBytes / checkpointBytes));
    current = {
      run,
      request,
      limits,
      snapshots: observeRun(request, every, limits),
      shape,
      size,
      checkpointEvery: Math.max(1, Math.ceil(frames / Math.max(1, checkpointCount))),
      checkpoints: [],
      frames: 0,
      started: performance.now(),
    };
    post({
      kind: "started",
      run,
      every,
      capacity: frames,
      epochs,
      shape,
      request: first.request,
    });
    setTimeout(() => pump(run), 0);
  } catch (error) {
    fail(run, error);
  }
}

function pump(run: number): void {
  const job = current;
  if (!job || job.run !== run) return;
  const until = performance.now() + sliceMilliseconds;
  const epochs = new Float64Array(batchFrames);
  const losses = new Float64Array(batchFrames);
  const parameters = new Float64Array(batchFrames * job.size);
  let count = 0;
  let last: TrainResult | undefined;
  try {
    while (count < batchFrames) {
      const next = job.snapshots.next();
      if (next.done) break;
      const snapshot = next.value;
      epochs[count] = snapshot.epoch;
      losses[count] = snapshot.loss;
      writeParameters(snapshot.model, parameters, count * job.size);
      count++;
      if (snapshot.result && job.frames % job.checkpointEvery === 0) {
        job.checkpoints.push(snapshot.result);
      }
      job.frames++;
      if (snapshot.last) {
        last = snapshot.result;
        break;
      }
      if (performance.now() > until) break;
    }
  } catch (error) {
    fail(run, error);
    return;
  }
  const sent = {
    epochs: epochs.slice(0, count),
    losses: losses.slice(0, count),
    parameters: parameters.slice(0, count * job.size),
  };
  post({ kind: "frames", run, ...sent }, [
    sent.epochs.buffer,
    sent.losses.buffer,
    sent.parameters.buffer,
  ]);
  if (last) {
    post({ kind: "ended", run, result: last, seconds: (performance.now() - job.started) / 1000 });
    return;
  }
  setTimeout(() => pump(run), 0);
}

/** The weights at any epoch of the run, from the nearest checkpoint at or before it. */
function exact(run: number, epoch: number): void {
  const job = current;
  if (!job || job.run !== run) return;
  try {
    const parameters = new Float64Array(job.size);
    let loss: number;
    if (epoch <= 0) {
      const model = initialModel(job.request, job.limits);
      writeParameters(model, parameters, 0);
      loss = evaluate(model).loss;
    } else {
      const from = job.checkpoints.findLast((result) => result.epochs <= epoch);
      const result = trainedTo(job.request, epoch, from, job.limits);
      writeParameters(result.model, parameters, 0);
      loss = result.loss;
    }
    post({ kind: "exact", run, epoch, loss, parameters }, [parameters.buffer]);
  } catch (error) {
    fail(run, error);
  }
}

scope.onmessage = (event) => {
  const order = event.data;
  if (order.kind === "run") start(order.run, order.request, order.limits);
  else exact(order.run, order.epoch);
};
