/// <reference types="node" />
// Writes shared/export/exp-source.ts and tanh-source.ts from shared/kernels/exp.ts and tanh.ts (see
// exp-source.ts). Run it after any change to those kernels; the core tests fail until it has been.
import { readFileSync, writeFileSync } from "node:fs";
import { generatedModule, inlinedKernels } from "./exp-source.ts";

const root = new URL("../", import.meta.url);
for (const kernel of inlinedKernels) {
  const typeScript = readFileSync(new URL(kernel.sourcePath, root), "utf8");
  writeFileSync(new URL(kernel.generatedPath, root), generatedModule(typeScript, kernel));
  console.log(`wrote ${kernel.generatedPath} from ${kernel.sourcePath}`);
}
