// How numbers read on the page: short where space is tight, exact where a person may compare.

/** Six significant digits, without trailing zeros: 0.123457, -4.62929, 1.2e-7. */
export function short(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return "0";
  const magnitude = Math.abs(n);
  if (magnitude >= 1e6 || magnitude < 1e-4) return n.toExponential(2).replace(/\.?0+e/, "e");
  return String(Number(n.toPrecision(6)));
}

/** A loss: enough digits to watch it fall over many decades. */
export function loss(n: number): string {
  return Number.isFinite(n) ? n.toExponential(3) : String(n);
}

/** An output as the notebook prints it: eight decimals. */
export function output(n: number): string {
  return Number.isFinite(n) ? n.toFixed(8) : String(n);
}

const counts = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 1234567 → "1,234,567" (one formatter, made once: the timeline calls it every frame). */
export function count(n: number): string {
  return counts.format(Math.round(n));
}

/** A share: 0.75 → "75%". */
export function percent(n: number): string {
  return `${Math.round(n * 1000) / 10}%`;
}
