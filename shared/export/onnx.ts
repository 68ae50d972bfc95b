// The model as an ONNX file: one Gemm per layer and its activation as a standard operator, every
// tensor DOUBLE. Leaky ReLU is Max(z, Mul(z, 0.01)) with a DOUBLE constant, since LeakyRelu's
// alpha is a 32-bit float attribute (0.01 would become 0.009999999776).
// The messages and field numbers are onnx/onnx.proto's (IR version 8).
import { leakySlope } from "../kernels/activation.ts";
import type { Model } from "../schemas/model.ts";
import { describeModel } from "./describe.ts";
import { type ExportInfo, type ExportView, exportView } from "./model-view.ts";
import { fileBase } from "./names.ts";
import { ProtoWriter } from "./protobuf.ts";

/** IR 8 (onnx 1.10–1.12) with opset 13: Debian's python3-onnx 1.12 and onnxruntime both take it. */
export const onnxIrVersion = 8;
export const onnxOpset = 13;
const doubleType = 11; // TensorProto.DataType.DOUBLE

type Node = { op: string; inputs: string[]; output: string };

/** TensorProto: name, dims, DOUBLE, little-endian raw_data. */
function doubleTensor(name: string, dims: number[], values: readonly number[]): ProtoWriter {
  const raw = new DataView(new ArrayBuffer(values.length * 8));
  values.forEach((value, k) => {
    raw.setFloat64(k * 8, value, true);
  });
  const tensor = new ProtoWriter();
  for (const dim of dims) tensor.varint(1, dim);
  return tensor.varint(2, doubleType).string(8, name).bytesField(9, new Uint8Array(raw.buffer));
}

/** ValueInfoProto of a DOUBLE tensor [batch, width], batch left free. */
function batchOf(name: string, width: number): ProtoWriter {
  const shape = new ProtoWriter()
    .message(1, new ProtoWriter().string(2, "batch"))
    .message(1, new ProtoWriter().varint(1, width));
  const tensorType = new ProtoWriter().varint(1, doubleType).message(2, shape);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
}

function nodeProto(node: Node, index: number): ProtoWriter {
  const proto = new ProtoWriter();
  for (const input of node.inputs) proto.string(1, input);
  return proto
    .string(2, node.output)
    .string(3, `${node.op.toLowerCase()}_${index}`)
    .string(4, node.op);
}

/** The graph's nodes: z = Gemm(x, W, b), then the activation; the last output is `output`. */
function graphNodes(view: ExportView): Node[] {
  const nodes: Node[] = [];
  let current = "input";
  view.layers.forEach((layer, l) => {
    const result = l === view.layers.length - 1 ? "output" : `hidden_${l}`;
    const sum = layer.activation === "linear" ? result : `sum_${l}`;
    const gemmInputs = [current, `weights_${l}`, ...(layer.bias ? [`bias_${l}`] : [])];
    nodes.push({ op: "Gemm", inputs: gemmInputs, output: sum });
    switch (layer.activation) {
      case "sigmoid":
        nodes.push({ op: "Sigmoid", inputs: [sum], output: result });
        break;
      case "tanh":
        nodes.push({ op: "Tanh", inputs: [sum], output: result });
        break;
      case "relu":
        nodes.push({ op: "Relu", inputs: [sum], output: result });
        break;
      case "leaky_relu":
        nodes.push({ op: "Mul", inputs: [sum, "leaky_slope"], output: `scaled_${l}` });
        nodes.push({ op: "Max", inputs: [sum, `scaled_${l}`], output: result });
        break;
      case "linear":
        break;
    }
    current = result;
  });
  return nodes;
}

export function onnxModel(model: Model, info: ExportInfo): Uint8Array<ArrayBuffer> {
  const view = exportView(model);
  const description = describeModel(view, info);
  const graph = new ProtoWriter();
  graphNodes(view).forEach((node, index) => {
    graph.message(1, nodeProto(node, index));
  });
  graph.string(2, fileBase(view.name, info.id));
  view.layers.forEach((layer, l) => {
    graph.message(
      5,
      doubleTensor(`weights_${l}`, [layer.fanIn, layer.fanOut], layer.weights.flat()),
    );
    if (layer.bias) graph.message(5, doubleTensor(`bias_${l}`, [layer.fanOut], layer.bias));
  });
  if (view.layers.some((layer) => layer.activation === "leaky_relu")) {
    graph.message(5, doubleTensor("leaky_slope", [], [leakySlope]));
  }
  graph
    .string(10, description.text)
    .message(11, batchOf("input", view.inputs))
    .message(12, batchOf("output", view.outputs));

  const proto = new ProtoWriter()
    .varint(1, onnxIrVersion)
    .string(2, "backprop-edge")
    .string(3, info.version)
    .string(4, "dev.backprop-edge")
    .varint(5, 1)
    .string(6, description.text)
    .message(7, graph)
    .message(8, new ProtoWriter().string(1, "").varint(2, onnxOpset));
  for (const [key, value] of Object.entries(description.properties)) {
    proto.message(14, new ProtoWriter().string(1, key).string(2, value));
  }
  return proto.bytes();
}
