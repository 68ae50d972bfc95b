/// <reference types="node" />
// Writes shared/export/exp-source.ts from shared/kernels/exp.ts (see exp-source.ts). Run it after any
// change to exp.ts; the core tests fail until it has been.
import { readFileSync, writeFileSync } from "node:fs";
import { expSourcePath, generatedModule, generatedPath } from "./exp-source.ts";

const root = new URL("../", import.meta.url);
const typeScript = readFileSync(new URL(expSourcePath, root), "utf8");
writeFileSync(new URL(generatedPath, root), generatedModule(typeScript));
console.log(`wrote ${generatedPath} from ${expSourcePath}`);
