// The messages between the page and its replay worker. Every answer names the run it belongs to,
// so answers about a run the page has since replaced are dropped.
import type { FieldIssue, Limits, TrainRequest, TrainResult } from "../../shared/index.ts";
import type { Shape } from "./parameters.ts";

/** Snapshots of a run take at most this much memory, whatever its length and size. */
export const frameBudgetBytes = 2 * 1024 * 1024;
/** And the points the worker keeps to recompute from when asked for an epoch between them. */
export const checkpointBudgetBytes = 2 * 1024 * 1024;

export type ToWorker =
  | { kind: "run"; run: number; request: TrainRequest; limits: Limits }
  /** The weights after `epoch` epochs and `batch` mini-batches of the next. */
  | { kind: "exact"; run: number; epoch: number; batch: number };

export type FromWorker =
  | {
      kind: "started";
      run: number;
      /** Snapshot spacing in epochs: 1 keeps every epoch. */
      every: number;
      /** Most snapshots the run can have (every `every` epochs, epoch 0 and the last). */
      capacity: number;
      epochs: number;
      /** Mini-batches (updates) per epoch: 1 when the whole table is one batch. */
      batches: number;
      shape: Shape;
      request: TrainResult["model"]["request"];
    }
  | {
      kind: "frames";
      run: number;
      epochs: Float64Array;
      losses: Float64Array;
      /** One block of the shape's parameter count per snapshot. */
      parameters: Float64Array;
    }
  | { kind: "ended"; run: number; result: TrainResult; seconds: number }
  | {
      kind: "exact";
      run: number;
      asked: { epoch: number; batch: number };
      /** The point shown: the one asked for, or the run's end when that is past it. */
      epoch: number;
      batch: number;
      loss: number;
      parameters: Float64Array;
    }
  | { kind: "failed"; run: number; message: string; issues: FieldIssue[] };
