// The model as one C99 header: the weights as `static const double`, and a predict function with
// the core's sums in the core's order (glibc's exp and tanh are within an ulp of the core's).
import { leakySlope } from "../kernels/activation.ts";
import type { Model } from "../schemas/model.ts";
import type { Activation } from "../schemas/request.ts";
import { headerLines } from "./describe.ts";
import { doubleList, doubleLiteral } from "./literal.ts";

const cList = (values: readonly number[]) => doubleList(values, "{", "}");

import { type ExportInfo, exportView } from "./model-view.ts";
import { cIdentifier, fileBase } from "./names.ts";

const activationExpression: Readonly<Record<Activation, string>> = {
  sigmoid: "1.0 / (1.0 + exp(-z))",
  tanh: "tanh(z)",
  relu: "z > 0.0 ? z : 0.0",
  leaky_relu: `z > 0.0 ? z : ${doubleLiteral(leakySlope)} * z`,
  linear: "z",
};

export function cHeader(model: Model, info: ExportInfo): string {
  const view = exportView(model);
  const prefix = cIdentifier(fileBase(view.name, info.id));
  const macro = prefix.toUpperCase();
  const last = view.layers.length - 1;
  const constants = view.layers.flatMap((layer, l) => [
    `/* Layer ${l + 1}: ${layer.fanIn} -> ${layer.fanOut}, ${layer.activation}; w${l}[i][j] joins input i to unit j. */`,
    `static const double ${prefix}_w${l}[${layer.fanIn}][${layer.fanOut}] = {`,
    ...layer.weights.map((row) => `  ${cList(row)},`),
    "};",
    ...(layer.bias
      ? [`static const double ${prefix}_b${l}[${layer.fanOut}] = ${cList(layer.bias)};`]
      : []),
  ]);
  const buffers = view.layers.slice(0, last).map((layer, l) => `  double h${l}[${layer.fanOut}];`);
  const passes = view.layers.flatMap((layer, l) => {
    const from = l === 0 ? "in" : `h${l - 1}`;
    const to = l === last ? "out" : `h${l}`;
    return [
      `  for (j = 0; j < ${layer.fanOut}; j++) {`,
      "    z = 0.0;",
      `    for (i = 0; i < ${layer.fanIn}; i++) z += ${from}[i] * ${prefix}_w${l}[i][j];`,
      ...(layer.bias ? [`    z += ${prefix}_b${l}[j];`] : []),
      `    ${to}[j] = ${activationExpression[layer.activation]};`,
      "  }",
    ];
  });
  return `${headerLines("c", view, info)
    .map((line) => `// ${line}`)
    .join("\n")}
// Link with -lm. Build without -ffast-math or FMA contraction to keep the core's rounding.
#ifndef ${macro}_H
#define ${macro}_H

#include <math.h>

#define ${macro}_INPUTS ${view.inputs}
#define ${macro}_OUTPUTS ${view.outputs}

${constants.join("\n")}

/* out[0..${view.outputs - 1}] for in[0..${view.inputs - 1}]: each unit's sum runs from input 0 up, then adds its bias. */
static inline void ${prefix}_predict(const double *in, double *out) {
${buffers.join("\n")}${buffers.length > 0 ? "\n" : ""}  double z;
  int i, j;
${passes.join("\n")}
}

#endif
`;
}
