// Every row of a truth table with n binary inputs, as truth tables are usually written: in
// counting order, the first input the most significant bit. The page's "every combination", the
// worker's warm-up body, the benchmarks and the tests all build their full tables from this.

/** All 2ⁿ rows of `inputs` 0/1 values: [[0,0],[0,1],[1,0],[1,1]] for 2. */
export function allRows(inputs: number): number[][] {
  return Array.from({ length: 2 ** inputs }, (_, row) =>
    Array.from({ length: inputs }, (_, bit) => (row >> (inputs - 1 - bit)) & 1),
  );
}
