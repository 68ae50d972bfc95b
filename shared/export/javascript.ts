// The model as an ES module with no imports: the weights as exact doubles, the core's own exp (and
// tanh, when a layer uses it) and the same sums in the same order as the core, so it computes the
// API's outputs to the bit in any engine.
import { leakySlope } from "../kernels/activation.ts";
import type { Model } from "../schemas/model.ts";
import type { Activation } from "../schemas/request.ts";
import { headerLines } from "./describe.ts";
import { expSource } from "./exp-source.ts";
import { doubleList, doubleLiteral } from "./literal.ts";
import { type ExportInfo, exportView } from "./model-view.ts";
import { tanhSource } from "./tanh-source.ts";

/** act(z) in JavaScript, the very expressions of the core's `activate` (kernels/activation.ts). */
const activationExpression: Readonly<Record<Activation, string>> = {
  sigmoid: "1 / (1 + exp(-z))",
  tanh: "tanh(z)",
  relu: "Math.max(z, 0)",
  leaky_relu: `z > 0 ? z : ${doubleLiteral(leakySlope)} * z`,
  linear: "z",
};

export function javascriptModule(model: Model, info: ExportInfo): string {
  const view = exportView(model);
  const layers = view.layers.map((layer, l) =>
    [
      `  // Layer ${l + 1}: ${layer.fanIn} -> ${layer.fanOut}, ${layer.activation}.`,
      "  {",
      `    activate: (z) => ${activationExpression[layer.activation]},`,
      `    bias: ${layer.bias ? doubleList(layer.bias) : "null"},`,
      "    weights: [",
      ...layer.weights.map((row) => `      ${doubleList(row)},`),
      "    ],",
      "  },",
    ].join("\n"),
  );
  const usesTanh = view.layers.some((layer) => layer.activation === "tanh");
  return `${headerLines("js", view, info)
    .map((line) => `// ${line}`)
    .join("\n")}

const inputCount = ${view.inputs};

/** weights[i][j] joins input i to unit j; each unit's sum runs from i = 0 up, then adds its bias. */
const layers = [
${layers.join("\n")}
];

/** The outputs (${view.outputs} numbers) for one row of ${view.inputs} inputs. */
export function predictRow(inputs) {
  if (inputs == null || inputs.length !== inputCount) {
    throw new RangeError(\`a row has \${inputCount} inputs\`);
  }
  let values = Array.from(inputs, Number);
  for (const layer of layers) {
    const fanOut = layer.weights[0].length;
    const next = new Array(fanOut);
    for (let j = 0; j < fanOut; j++) {
      let z = 0;
      for (let i = 0; i < values.length; i++) z += values[i] * layer.weights[i][j];
      if (layer.bias) z += layer.bias[j];
      next[j] = layer.activate(z);
    }
    values = next;
  }
  return values;
}

/** The outputs for each row: an array of rows of ${view.outputs}. */
export function predict(rows) {
  return Array.from(rows, predictRow);
}

${expSource}${usesTanh ? `\n${tanhSource}` : ""}`;
}
