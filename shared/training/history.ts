// The loss curve of a run, at most `maxHistoryPoints` points, recorded without allocating. It
// keeps the loss at epochs 0, stride, 2·stride, …; when full it drops every other point and
// doubles the stride. Which epochs it holds depends only on the epochs done so far, never on how
// many are planned, so a run resumed from its state records exactly what one long run would.
export const maxHistoryPoints = 200;

/** Points the loop keeps: the final loss of the returned weights is added after, to make 200. */
export const recordedPoints = maxHistoryPoints - 1;

export class History {
  readonly epochs = new Float64Array(recordedPoints);
  readonly losses = new Float64Array(recordedPoints);
  stride = 1;
  count = 0;
  private next = 0;

  /** Goes on from a state's points (validated: at 0, stride, 2·stride, …). */
  restore(stride: number, points: readonly (readonly [number, number])[]): void {
    this.stride = stride;
    this.count = points.length;
    points.forEach(([epoch, loss], k) => {
      this.epochs[k] = epoch;
      this.losses[k] = loss;
    });
    this.next = this.count * stride;
  }

  record(epoch: number, loss: number): void {
    if (epoch !== this.next) return;
    if (this.count === recordedPoints) {
      this.thin();
      if (epoch !== this.next) return;
    }
    this.epochs[this.count] = epoch;
    this.losses[this.count++] = loss;
    this.next = epoch + this.stride;
  }

  /** Keeps the points at even multiples of the stride, in place, and doubles it. */
  private thin(): void {
    const kept = Math.ceil(this.count / 2);
    for (let k = 1; k < kept; k++) {
      this.epochs[k] = this.epochs[2 * k] as number;
      this.losses[k] = this.losses[2 * k] as number;
    }
    this.count = kept;
    this.stride *= 2;
    this.next = kept * this.stride;
  }

  /** The points recorded before `epoch`, as [epoch, loss] pairs. */
  pointsBefore(epoch: number): [number, number][] {
    const points: [number, number][] = [];
    for (let k = 0; k < this.count; k++) {
      const at = this.epochs[k] as number;
      if (at < epoch) points.push([at, this.losses[k] as number]);
    }
    return points;
  }
}
