// The page's side of a replay: asks the worker for a run, keeps its snapshots in one preallocated
// buffer (bounded by frameBudgetBytes), and hands out the model at any epoch — from a snapshot at
// once, or exactly from the worker when the epoch falls between two.
import type {
  FieldIssue,
  Limits,
  Model,
  ResolvedTrainRequest,
  TrainRequest,
  TrainResult,
} from "../../shared/index.ts";
import { modelFormat } from "../../shared/index.ts";
import { readLayers, type Shape } from "./parameters.ts";
import type { FromWorker, ToWorker } from "./replay-protocol.ts";

/** The weights after `epoch` epochs and `batch` mini-batches of the next (0 for whole epochs). */
export type Frame = { epoch: number; batch: number; loss: number; model: Model };

type Listener = () => void;

let worker: Worker | undefined;
let nextRun = 1;
const replays = new Map<number, Replay>();

function send(order: ToWorker): void {
  if (!worker) {
    // A module worker from the same origin: the CSP's default-src 'self' allows it.
    worker = new Worker(new URL("./replay-worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<FromWorker>) =>
      replays.get(event.data.run)?.receive(event.data);
  }
  worker.postMessage(order);
}

export class Replay {
  readonly run: number;
  readonly asked: TrainRequest;
  request: ResolvedTrainRequest | undefined;
  shape: Shape = [];
  size = 0;
  every = 1;
  /** Mini-batches per epoch: 1 when the whole table is one batch. */
  batches = 1;
  /** The request's epochs: the slider's end until the run says where it really stopped. */
  epochs = 0;
  count = 0;
  frameEpochs = new Float64Array(0);
  losses = new Float64Array(0);
  parameters = new Float64Array(0);
  result: TrainResult | undefined;
  seconds = 0;
  failure: { message: string; issues: FieldIssue[] } | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly waiting = new Map<string, ((frame: Frame) => void)[]>();

  constructor(request: TrainRequest, limits: Limits) {
    this.run = nextRun++;
    this.asked = request;
    replays.set(this.run, this);
    send({ kind: "run", run: this.run, request, limits });
  }

  /** Called on every change: started, more snapshots, ended, failed. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops listening to the worker about this run. */
  close(): void {
    replays.delete(this.run);
    this.listeners.clear();
  }

  get done(): boolean {
    return this.result !== undefined || this.failure !== undefined;
  }

  /** The last epoch the run reaches (known for sure once it has ended). */
  get lastEpoch(): number {
    return this.result ? this.result.epochs : this.epochs;
  }

  /** The last epoch computed so far. */
  get frontier(): number {
    return this.count === 0 ? -1 : (this.frameEpochs[this.count - 1] as number);
  }

  /** Bytes the snapshots take on the page. */
  get bytes(): number {
    return this.frameEpochs.byteLength + this.losses.byteLength + this.parameters.byteLength;
  }

  /** The index of the last snapshot at or before `epoch` (−1 if none yet). */
  indexAtOrBefore(epoch: number): number {
    let low = 0;
    let high = this.count - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.frameEpochs[middle] as number) <= epoch) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  model(parameters: Float64Array, at: number): Model {
    const request = this.request as ResolvedTrainRequest;
    return { format: modelFormat, request, layers: readLayers(this.shape, parameters, at) };
  }

  frame(index: number): Frame {
    return {
      epoch: this.frameEpochs[index] as number,
      batch: 0,
      loss: this.losses[index] as number,
      model: this.model(this.parameters, index * this.size),
    };
  }

  /** The snapshot at exactly `epoch`, if one is kept. */
  snapshotAt(epoch: number): Frame | undefined {
    const index = this.indexAtOrBefore(epoch);
    return index >= 0 && this.frameEpochs[index] === epoch ? this.frame(index) : undefined;
  }

  /** The weights at exactly `epoch` (and `batch`): a kept snapshot, or recomputed by the worker. */
  exactly(epoch: number, batch = 0): Promise<Frame> {
    const kept = batch === 0 ? this.snapshotAt(epoch) : undefined;
    if (kept) return Promise.resolve(kept);
    const key = `${epoch}:${batch}`;
    return new Promise((resolve) => {
      const queue = this.waiting.get(key);
      if (queue) queue.push(resolve);
      else {
        this.waiting.set(key, [resolve]);
        send({ kind: "exact", run: this.run, epoch, batch });
      }
    });
  }

  receive(message: FromWorker): void {
    if (message.kind === "started") {
      this.request = message.request;
      this.shape = message.shape;
      this.size = message.shape.reduce(
        (n, l) => n + l.fanIn * l.fanOut + (l.bias ? l.fanOut : 0),
        0,
      );
      this.every = message.every;
      this.batches = message.batches;
      this.epochs = message.epochs;
      this.frameEpochs = new Float64Array(message.capacity);
      this.losses = new Float64Array(message.capacity);
      this.parameters = new Float64Array(message.capacity * this.size);
    } else if (message.kind === "frames") {
      for (let k = 0; k < message.epochs.length; k++) {
        const epoch = message.epochs[k] as number;
        // A run that stops on its target at a snapshot's epoch reports that epoch twice, and a
        // diverged mini-batch run may end on its initial weights: the end replaces what it passes.
        while (this.count > 0 && (this.frameEpochs[this.count - 1] as number) >= epoch)
          this.count--;
        if (this.count >= this.frameEpochs.length) break;
        this.frameEpochs[this.count] = epoch;
        this.losses[this.count] = message.losses[k] as number;
        this.parameters.set(
          message.parameters.subarray(k * this.size, (k + 1) * this.size),
          this.count * this.size,
        );
        this.count++;
      }
    } else if (message.kind === "ended") {
      this.result = message.result;
      this.seconds = message.seconds;
    } else if (message.kind === "exact") {
      const frame = {
        epoch: message.epoch,
        batch: message.batch,
        loss: message.loss,
        model: this.model(message.parameters, 0),
      };
      const key = `${message.asked.epoch}:${message.asked.batch}`;
      for (const resolve of this.waiting.get(key) ?? []) resolve(frame);
      this.waiting.delete(key);
      return;
    } else {
      this.failure = { message: message.message, issues: message.issues };
    }
    for (const listener of this.listeners) listener();
  }
}
