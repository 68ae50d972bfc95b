// Colours that stay distinct for people with the common colour-vision deficiencies
// (Okabe & Ito's palette): blue for positive or 1, orange/vermillion for negative or 0.
// Signs are never told by colour alone: negative edges are also dashed, marks also use ✓ and ✗.
export const positive = "#0072b2";
export const negative = "#d55e00";
export const neutral = "#f7f7f7";

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const low = rgb("#e69f00");
const middle = rgb(neutral);
const high = rgb(positive);

/** A diverging scale for a value in [0, 1]: orange at 0, near-white at ½, blue at 1. */
export function diverging(t: number): Rgb {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0.5));
  const [from, to, u] =
    clamped < 0.5 ? [low, middle, clamped * 2] : [middle, high, clamped * 2 - 1];
  return [0, 1, 2].map((i) =>
    Math.round((from[i] ?? 0) + ((to[i] ?? 0) - (from[i] ?? 0)) * u),
  ) as Rgb;
}

/** The same scale as a CSS gradient, for the legend. */
export const divergingGradient = `linear-gradient(to right, #e69f00, ${neutral}, ${positive})`;
