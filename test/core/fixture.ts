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

export { floatHex } from "./float-hex.ts";
