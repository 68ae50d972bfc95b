// A stable 64-bit fingerprint of the weights, to compare two runs at a glance. The core is
// synchronous and platform-free, so it is FNV-1a (64-bit) rather than SHA-256 from WebCrypto.
import type { Layer } from "../schemas/model.ts";

const fnvPrimeLow = 0x1b3; // the prime is 2⁴⁰ + 0x1b3

/**
 * FNV-1a over the little-endian IEEE-754 bytes of every weight (row by row), then every bias, layer
 * by layer; 16 hex digits.
 */
export function weightsHash(layers: readonly Layer[]): string {
  // The offset basis 0xcbf29ce484222325 as two 32-bit halves.
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  const view = new DataView(new ArrayBuffer(8));
  const mix = (value: number) => {
    view.setFloat64(0, value, true);
    for (let k = 0; k < 8; k++) {
      low = (low ^ view.getUint8(k)) >>> 0;
      // (high·2³² + low)·(2⁴⁰ + 0x1b3) mod 2⁶⁴, in 32-bit halves: low·0x1b3 fits a double exactly.
      const lowProduct = low * fnvPrimeLow;
      const carry = Math.floor(lowProduct / 4294967296);
      high = (Math.imul(high, fnvPrimeLow) + carry + (low << 8)) >>> 0;
      low = lowProduct >>> 0;
    }
  };
  for (const layer of layers) {
    for (const row of layer.weights) for (const weight of row) mix(weight);
    for (const bias of layer.bias ?? []) mix(bias);
  }
  return high.toString(16).padStart(8, "0") + low.toString(16).padStart(8, "0");
}
