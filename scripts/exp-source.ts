/// <reference types="node" />
// The JavaScript export's `exp` and `tanh` are the core's own, taken from shared/kernels/exp.ts and
// tanh.ts as text with their types removed, so that the two can never drift apart (a core test
// checks the generated files are current; another that the exported functions give the core's
// results to the bit).
import { stripTypeScriptTypes } from "node:module";

/** A kernel the export inlines: its source, the module generated from it, the names in both. */
export type InlinedKernel = {
  sourcePath: string;
  generatedPath: string;
  constName: string;
  functionName: string;
  what: string;
};

export const expKernel: InlinedKernel = {
  sourcePath: "shared/kernels/exp.ts",
  generatedPath: "shared/export/exp-source.ts",
  constName: "expSource",
  functionName: "exp",
  what: "e^x",
};

export const tanhKernel: InlinedKernel = {
  sourcePath: "shared/kernels/tanh.ts",
  generatedPath: "shared/export/tanh-source.ts",
  constName: "tanhSource",
  functionName: "tanh",
  what: "tanh",
};

export const inlinedKernels = [expKernel, tanhKernel] as const;

export const expSourcePath = expKernel.sourcePath;
export const generatedPath = expKernel.generatedPath;

/** The kernel's file as plain JavaScript: no `export`, no type annotations, comments kept. */
export function kernelJavaScript(typeScript: string, kernel: InlinedKernel = expKernel): string {
  const javaScript = typeScript
    .replace(/^export function /gm, "function ")
    .replace(/ as number\b/g, "")
    .replace(/([\w)])\s*:\s*(number|void|Float64Array)\b/g, "$1");
  // What is left must already be JavaScript: stripping types again changes nothing.
  if (stripTypeScriptTypes(javaScript) !== javaScript) {
    throw new Error(`${kernel.sourcePath} uses TypeScript this script does not remove; extend it`);
  }
  if (!new RegExp(`^function ${kernel.functionName}\\(x\\) \\{$`, "m").test(javaScript)) {
    throw new Error(`${kernel.sourcePath} no longer defines function ${kernel.functionName}(x)`);
  }
  return javaScript;
}

export const expJavaScript = (typeScript: string): string =>
  kernelJavaScript(typeScript, expKernel);

/** The TypeScript module the core imports: the JavaScript above as one template literal. */
export function generatedModule(typeScript: string, kernel: InlinedKernel = expKernel): string {
  const javaScript = kernelJavaScript(typeScript, kernel);
  if (/[`\\]|\$\{/.test(javaScript)) {
    throw new Error(`${kernel.sourcePath} has text a template literal escapes`);
  }
  return [
    `// Generated from ${kernel.sourcePath} by \`node scripts/generate-exp-source.ts\`: do not edit.`,
    `// The JavaScript export inlines it, so the exported model computes ${kernel.what} as the core does.`,
    `export const ${kernel.constName} = \`${javaScript}\`;`,
    "",
  ].join("\n");
}
