// "Generate every input combination": all 2ⁿ rows of 0s and 1s in counting order, the first
// input as the most significant bit (as truth tables are usually written). A row that was already
// in the table keeps its targets; a new row's targets start at 0.
import { allRows } from "../../shared/index.ts";
import type { FormState } from "./form-state.ts";

export function allCombinations(form: FormState, maxRows: number): string | undefined {
  const width = form.inputNames.length;
  const rows = 2 ** width;
  if (rows > maxRows) return `${width} inputs make ${rows} rows, more than the ${maxRows} allowed`;
  const kept = new Map(form.inputs.map((row, i) => [row.map(Number).join(","), form.targets[i]]));
  const inputs = allRows(width).map((row) => row.map(String));
  form.targets = inputs.map((row) => [
    ...(kept.get(row.join(",")) ?? form.outputNames.map(() => "0")),
  ]);
  form.inputs = inputs;
  return undefined;
}
