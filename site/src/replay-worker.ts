// The replay worker: runs the core's own training loop (watchRun) off the main thread and sends
// the page the run's snapshots, a bunch at a time, so the page never freezes; and the weights at
// any epoch or mini-batch between two snapshots, recomputed from the checkpoint before it.
import {
  type Checkpoint,
  LimitError,
  type Limits,
  RequestError,
  type Snapshot,
  type TrainRequest,
  type WatchedRun,
  watchRun,
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
  watched: WatchedRun;
  snapshots: Generator<Snapshot, void, undefined>;
  shape: Shape;
  size: number;
  checkpoints: Checkpoint[];
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
    const watched = watchRun(request, limits);
    const shape = shapeOf(watched.at(0).model);
    const size = parameterCount(shape);
    const epochs = watched.request.training.epochs;
    const capacity = Math.max(2, Math.floor(frameBudgetBytes / (8 * size + 16)));
    const every = Math.max(1, Math.ceil(epochs / (capacity - 2)));
    const frames = Math.ceil(epochs / every) + 1;
    // A checkpoint holds a result (its model, optimizer state, history, predictions).
    const rows = watched.request.table.inputs.length;
    const checkpointBytes = 8 * (3 * size + rows * (shape.at(-1)?.fanOut ?? 1) + 1500);
    const checkpointCount = Math.min(64, Math.floor(checkpointBudgetBytes / checkpointBytes));
    const checkpointEvery = Math.max(1, Math.ceil(frames / Math.max(1, checkpointCount)));
    current = {
      run,
      watched,
      snapshots: watched.snapshots(every, checkpointEvery),
      shape,
      size,
      checkpoints: [],
      started: performance.now(),
    };
    post({
      kind: "started",
      run,
      every,
      capacity: frames,
      epochs,
      batches: watched.batches,
      shape,
      request: watched.request,
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
  let last: Snapshot["result"];
  try {
    while (count < batchFrames) {
      const next = job.snapshots.next();
      if (next.done) break;
      const snapshot = next.value;
      epochs[count] = snapshot.epoch;
      losses[count] = snapshot.loss;
      writeParameters(snapshot.model, parameters, count * job.size);
      count++;
      if (snapshot.checkpoint) job.checkpoints.push(snapshot.checkpoint);
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

/** The weights at any epoch (and mini-batch) of the run, from the nearest checkpoint before it. */
function exact(run: number, epoch: number, batch: number): void {
  const job = current;
  if (!job || job.run !== run) return;
  try {
    const from = job.checkpoints.findLast((checkpoint) => checkpoint.epoch <= epoch);
    const point = job.watched.at(epoch, batch, from);
    const parameters = new Float64Array(job.size);
    writeParameters(point.model, parameters, 0);
    post(
      {
        kind: "exact",
        run,
        asked: { epoch, batch },
        epoch: point.epoch,
        batch: point.batch,
        loss: point.loss,
        parameters,
      },
      [parameters.buffer],
    );
  } catch (error) {
    fail(run, error);
  }
}

scope.onmessage = (event) => {
  const order = event.data;
  if (order.kind === "run") start(order.run, order.request, order.limits);
  else exact(order.run, order.epoch, order.batch);
};
