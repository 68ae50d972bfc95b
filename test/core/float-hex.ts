// Python's float.hex() in TypeScript, with no platform API, so workerd tests can pin with it too.

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
