/// <reference types="node" />
// The JavaScript export's `exp` is the core's own, taken from shared/kernels/exp.ts as text with its
// types removed, so that the two can never drift apart (a core test checks the generated file is
// current; another that the exported function gives the core's results to the bit).
import { stripTypeScriptTypes } from "node:module";

export const expSourcePath = "shared/kernels/exp.ts";
export const generatedPath = "shared/export/exp-source.ts";

/** exp.ts as plain JavaScript: no `export`, no type annotations, comments kept. */
export function expJavaScript(typeScript: string): string {
  const javaScript = typeScript
    .replace(/^export function /gm, "function ")
    .replace(/ as number\b/g, "")
    .replace(/([\w)])\s*:\s*number\b/g, "$1");
  // What is left must already be JavaScript: stripping types again changes nothing.
  if (stripTypeScriptTypes(javaScript) !== javaScript) {
    throw new Error(`${expSourcePath} uses TypeScript this script does not remove; extend it`);
  }
  if (!/^function exp\(x\) \{$/m.test(javaScript)) {
    throw new Error(`${expSourcePath} no longer defines function exp(x)`);
  }
  return javaScript;
}

/** The TypeScript module the core imports: the JavaScript above as one template literal. */
export function generatedModule(typeScript: string): string {
  const javaScript = expJavaScript(typeScript);
  if (/[`\\]|\$\{/.test(javaScript)) throw new Error("exp.ts has text a template literal escapes");
  return [
    `// Generated from ${expSourcePath} by \`node scripts/generate-exp-source.ts\`: do not edit.`,
    "// The JavaScript export inlines it, so the exported model computes e^x as the core does.",
    `export const expSource = \`${javaScript}\`;`,
    "",
  ].join("\n");
}
