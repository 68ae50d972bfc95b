// A model's weights and biases as one flat Float64Array, so a run's snapshots travel from the
// replay worker (transferred, not copied) and sit in one preallocated buffer.
import type { Layer, Model } from "../../shared/index.ts";

/** The shape to read flat parameters back into: each layer's activation, fanIn, fanOut, bias. */
export type Shape = {
  activation: Layer["activation"];
  fanIn: number;
  fanOut: number;
  bias: boolean;
}[];

export function shapeOf(model: Model): Shape {
  return model.layers.map((layer) => ({
    activation: layer.activation,
    fanIn: layer.weights.length,
    fanOut: layer.weights[0]?.length ?? 0,
    bias: layer.bias !== null,
  }));
}

export function parameterCount(shape: Shape): number {
  return shape.reduce((sum, l) => sum + l.fanIn * l.fanOut + (l.bias ? l.fanOut : 0), 0);
}

/** Layer by layer: the weights row by row, then the biases. */
export function writeParameters(model: Model, into: Float64Array, at: number): void {
  let k = at;
  for (const layer of model.layers) {
    for (const row of layer.weights) for (const w of row) into[k++] = w;
    for (const b of layer.bias ?? []) into[k++] = b;
  }
}

export function readLayers(shape: Shape, from: Float64Array, at: number): Layer[] {
  let k = at;
  return shape.map(({ activation, fanIn, fanOut, bias }) => {
    const weights: number[][] = [];
    for (let i = 0; i < fanIn; i++) {
      const row: number[] = new Array(fanOut);
      for (let j = 0; j < fanOut; j++) row[j] = from[k++] as number;
      weights.push(row);
    }
    let biases: number[] | null = null;
    if (bias) {
      biases = new Array(fanOut);
      for (let j = 0; j < fanOut; j++) biases[j] = from[k++] as number;
    }
    return { activation, weights, bias: biases };
  });
}
