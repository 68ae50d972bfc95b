// The model as a Python module on numpy. Each unit's sum runs over its inputs in order, as the
// core's does (numpy's matrix product would reorder it), so the results differ from the API's
// only where numpy's exp and tanh differ from the core's: a few units in the last place.
import { leakySlope } from "../kernels/activation.ts";
import type { Model } from "../schemas/model.ts";
import type { Activation } from "../schemas/request.ts";
import { headerLines } from "./describe.ts";
import { doubleList, doubleLiteral } from "./literal.ts";
import { type ExportInfo, exportView } from "./model-view.ts";

const activationExpression: Readonly<Record<Activation, string>> = {
  sigmoid: "1.0 / (1.0 + np.exp(-z))",
  tanh: "np.tanh(z)",
  relu: "np.maximum(z, 0.0)",
  leaky_relu: `np.where(z > 0, z, ${doubleLiteral(leakySlope)} * z)`,
  linear: "z",
};

export function pythonModule(model: Model, info: ExportInfo): string {
  const view = exportView(model);
  const layers = view.layers.map((layer, l) =>
    [
      `    # Layer ${l + 1}: ${layer.fanIn} -> ${layer.fanOut}, ${layer.activation}.`,
      "    (",
      "        np.array([",
      ...layer.weights.map((row) => `            ${doubleList(row)},`),
      "        ], dtype=np.float64),",
      `        ${layer.bias ? `np.array(${doubleList(layer.bias)}, dtype=np.float64)` : "None"},`,
      `        "${layer.activation}",`,
      "    ),",
    ].join("\n"),
  );
  const activations = Object.entries(activationExpression)
    .map(([name, expression], k) =>
      [`    ${k === 0 ? "if" : "elif"} name == "${name}":`, `        return ${expression}`].join(
        "\n",
      ),
    )
    .join("\n");
  return `${headerLines("py", view, info)
    .map((line) => `# ${line}`)
    .join("\n")}

import numpy as np

INPUTS = ${view.inputs}
OUTPUTS = ${view.outputs}

# (weights, bias or None, activation) per layer: weights[i, j] joins input i to unit j.
_LAYERS = [
${layers.join("\n")}
]


def _activate(name, z):
${activations}
    raise ValueError("unknown activation " + name)


def predict(x):
    """Outputs for rows of inputs: x is (rows, ${view.inputs}) or one row of ${view.inputs}; returns (rows, ${view.outputs})."""
    values = np.atleast_2d(np.asarray(x, dtype=np.float64))
    if values.ndim != 2 or values.shape[1] != INPUTS:
        raise ValueError("each row has %d inputs" % INPUTS)
    # exp may overflow to inf for a very negative sum, which gives sigmoid's exact 0: no warning.
    with np.errstate(over="ignore"):
        for weights, bias, activation in _LAYERS:
            z = np.zeros((values.shape[0], weights.shape[1]))
            for i in range(weights.shape[0]):
                z = z + values[:, i : i + 1] * weights[i]
            if bias is not None:
                z = z + bias
            values = _activate(activation, z)
    return values
`;
}
