// A double written so that JavaScript, Python and C all read back the very same double.

/**
 * JavaScript's shortest round-trip form (each of the three languages parses decimal literals
 * correctly rounded, so the shortest one that JS reads back exactly, the others do too), with a
 * decimal point where it has none so that C and Python see a floating literal; −0 keeps its sign.
 */
export function doubleLiteral(value: number): string {
  // Plain string tests, not a regex: the largest model has 14,000 weights, in a 10 ms CPU budget.
  const text = `${value}`;
  if (text.includes(".") || text.includes("e")) return text;
  if (value === 0 && 1 / value < 0) return "-0.0";
  if (text === "NaN" || text.includes("Infinity")) {
    throw new RangeError("a model's numbers are finite");
  }
  return `${text}.0`;
}

/**
 * A row of doubles as `[a, b, …]` (or with other brackets), each as `doubleLiteral` writes it.
 * JSON's numbers are the same shortest round-trip forms and JSON.stringify writes a row of them
 * several times faster than a loop (the largest model has 14,000 weights, in a 10 ms CPU budget);
 * integers then get their ".0" in one pass, and only a row with −0 (JSON's 0) takes the loop.
 */
export function doubleList(values: readonly number[], open = "[", close = "]"): string {
  const negativeZero = values.some((value) => value === 0 && 1 / value < 0);
  if (negativeZero) return `${open}${values.map(doubleLiteral).join(", ")}${close}`;
  const items = JSON.stringify(values).slice(1, -1);
  if (items.includes("null")) throw new RangeError("a model's numbers are finite");
  const floating = items.replace(/(^|,)(-?\d+)(?=,|$)/g, "$1$2.0");
  return `${open}${floating.replaceAll(",", ", ")}${close}`;
}
