import { describe, expect, it } from "vitest";
import { allRows } from "../../shared/index.ts";

describe("allRows", () => {
  it("writes a truth table's rows in counting order, the first input the most significant bit", () => {
    expect(allRows(2)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
  });

  it("gives 2ⁿ distinct rows of n bits, row k being k in binary", () => {
    for (const inputs of [1, 3, 8]) {
      const rows = allRows(inputs);
      expect(rows).toHaveLength(2 ** inputs);
      rows.forEach((row, k) => {
        expect(row).toHaveLength(inputs);
        expect(Number.parseInt(row.join(""), 2)).toBe(k);
      });
    }
  });

  it("has one empty row for no inputs", () => {
    expect(allRows(0)).toEqual([[]]);
  });
});
