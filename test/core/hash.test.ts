// The weights' fingerprint is 64-bit FNV-1a over the doubles' bytes, checked against BigInt maths.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Layer } from "../../shared/index.ts";
import { weightsHash } from "../../shared/training/hash.ts";

/** The textbook definition, with BigInt: slow but obviously right. */
function referenceHash(layers: Layer[]): string {
  let hash = 0xcbf29ce484222325n;
  const bytes = new DataView(new ArrayBuffer(8));
  for (const value of layers.flatMap((layer) => [...layer.weights.flat(), ...(layer.bias ?? [])])) {
    bytes.setFloat64(0, value, true);
    for (let k = 0; k < 8; k++) {
      hash ^= BigInt(bytes.getUint8(k));
      hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
    }
  }
  return hash.toString(16).padStart(16, "0");
}

const layerArbitrary = fc.record({
  activation: fc.constant("tanh" as const),
  weights: fc.array(
    fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 4 }),
    {
      minLength: 1,
      maxLength: 4,
    },
  ),
  bias: fc.option(
    fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 4 }),
    {
      nil: null,
    },
  ),
});

describe("weightsHash", () => {
  test("is FNV-1a 64 over the little-endian bytes of every weight, then every bias", () => {
    fc.assert(
      fc.property(fc.array(layerArbitrary, { minLength: 1, maxLength: 3 }), (layers) => {
        expect(weightsHash(layers)).toBe(referenceHash(layers));
      }),
    );
  });

  test("changes when one weight moves by one ulp", () => {
    const layers: Layer[] = [{ activation: "sigmoid", weights: [[0.5], [0.25]], bias: null }];
    const nudged: Layer[] = [
      { activation: "sigmoid", weights: [[0.5], [0.25 + 2 ** -54]], bias: null },
    ];
    expect(weightsHash(nudged)).not.toBe(weightsHash(layers));
    expect(weightsHash(layers)).toMatch(/^[0-9a-f]{16}$/);
  });
});
