// A double written so that JavaScript, Python and C all read back the very same double.

/**
 * JavaScript's shortest round-trip form (each of the three languages parses decimal literals
 * correctly rounded, so the shortest one that JS reads back exactly, the others do too), with a
 * decimal point where it has none so that C and Python see a floating literal; −0 keeps its sign.
 */
export function doubleLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError("a model's numbers are finite");
  if (Object.is(value, -0)) return "-0.0";
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}
