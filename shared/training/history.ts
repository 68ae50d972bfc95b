// The loss curve of a run, at most `maxHistoryPoints` points, recorded without allocating.
export const maxHistoryPoints = 200;

/** The loss after every `stride`-th epoch, at most 199 points (the final one is added after). */
export class History {
  readonly epochs = new Float64Array(maxHistoryPoints);
  readonly losses = new Float64Array(maxHistoryPoints);
  readonly stride: number;
  count = 0;
  private next = 0;
  constructor(epochs: number) {
    this.stride = Math.max(1, Math.ceil(epochs / (maxHistoryPoints - 2)));
  }
  record(epoch: number, loss: number): void {
    if (epoch !== this.next || this.count >= maxHistoryPoints - 1) return;
    this.epochs[this.count] = epoch;
    this.losses[this.count++] = loss;
    this.next += this.stride;
  }
}
