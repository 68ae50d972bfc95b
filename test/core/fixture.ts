// numpy's own numbers (test/fixtures/numpy-reference.json, made by the script beside it), read as JSON
// and typed, so a test can compare against them to the bit.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export type NumpyReference = {
  numpy: string;
  mt19937: Record<"seed0_random5" | "seed12345_random5" | "seed4294967295_random3", number[]>;
  notebook: {
    initialWeights: number[];
    finalWeights: number[];
    finalWeightsHex: string[];
    predict_1_0_0: number;
    printed: string;
  };
};

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export const numpyReference: NumpyReference = JSON.parse(
  readFileSync(`${repoRoot}test/fixtures/numpy-reference.json`, "utf8"),
);

/** Python's `float.hex()`: "0x1.35878c749f781p+3", every bit of the double visible. */
export function floatHex(value: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const sign = high >>> 31 ? "-" : "";
  const exponent = (high >>> 20) & 0x7ff;
  const mantissa =
    (high & 0xfffff).toString(16).padStart(5, "0") + low.toString(16).padStart(8, "0");
  if (exponent === 0 && high << 12 === 0 && low === 0) return `${sign}0x0.0p+0`;
  const lead = exponent === 0 ? "0" : "1";
  const power = exponent === 0 ? -1022 : exponent - 1023;
  return `${sign}0x${lead}.${mantissa}p${power >= 0 ? "+" : ""}${power}`;
}
