// numpy's legacy generator (`np.random.seed(s)`, `np.random.random`, `np.random.shuffle`) written
// out, so that every initial weight and every mini-batch order can be re-derived in numpy.

const stateSize = 624;
const shift = 397;

/** MT19937 as numpy's RandomState uses it: the same 32-bit words in the same order. */
export class NumpyRandom {
  private readonly state = new Uint32Array(stateSize);
  private position = stateSize;

  /** `np.random.seed(seed)` for an integer seed in [0, 2³²): numpy's `mt19937_seed` (init_genrand). */
  constructor(seed: number) {
    const state = this.state;
    let word = seed >>> 0;
    for (let index = 0; index < stateSize; index++) {
      state[index] = word;
      word = (Math.imul(1812433253, word ^ (word >>> 30)) + index + 1) >>> 0;
    }
  }

  /** Its whole state: the 624 words and the position of the next one (numpy's `get_state()`). */
  snapshot(): { words: number[]; position: number } {
    return { words: Array.from(this.state), position: this.position };
  }

  /** A generator that goes on from a `snapshot` (numpy's `set_state`). */
  static restored(words: readonly number[], position: number): NumpyRandom {
    const random = new NumpyRandom(0);
    random.state.set(words);
    random.position = position;
    return random;
  }

  /** The next tempered 32-bit word (numpy's `next_uint32`). */
  nextUint32(): number {
    if (this.position >= stateSize) this.twist();
    let word = this.state[this.position++] as number;
    word ^= word >>> 11;
    word ^= (word << 7) & 0x9d2c5680;
    word ^= (word << 15) & 0xefc60000;
    word ^= word >>> 18;
    return word >>> 0;
  }

  /** `np.random.random()` (random_sample): 53 random bits from two words, in [0, 1). */
  random(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** numpy's `random_interval(max)`: a uniform integer in [0, max] by masking and rejection. */
  interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let value = (this.nextUint32() & mask) >>> 0;
    while (value > max) value = (this.nextUint32() & mask) >>> 0;
    return value;
  }

  /** `np.random.shuffle(order)` on a 1-D array: Fisher–Yates from the end, as numpy's legacy code. */
  shuffle(order: Int32Array): void {
    for (let index = order.length - 1; index > 0; index--) {
      const other = this.interval(index);
      const kept = order[index] as number;
      order[index] = order[other] as number;
      order[other] = kept;
    }
  }

  private twist(): void {
    const state = this.state;
    for (let index = 0; index < stateSize; index++) {
      const y =
        ((state[index] as number) & 0x80000000) |
        ((state[(index + 1) % stateSize] as number) & 0x7fffffff);
      let next = (state[(index + shift) % stateSize] as number) ^ (y >>> 1);
      if (y & 1) next ^= 0x9908b0df;
      state[index] = next;
    }
    this.position = 0;
  }
}
