// The five benchmark tasks of issue 2, as the core's own TrainRequest, and the same tasks as the
// plain text that bench/core.c and bench/numpy_loop.py read, so all three run exactly one thing.
import {
  allRows,
  defaultLimits,
  presets,
  type TrainRequest,
  trainingCost,
} from "../shared/index.ts";

export type BenchTask = {
  id: string;
  title: string;
  request: TrainRequest;
  /** Timed runs after the warm-up, at least (short tasks repeat for half a second); the median is reported. */
  repeats: number;
};

/** A preset's rows, without its column names. */
function tableOf(name: string): { inputs: number[][]; targets: number[][] } {
  const table = presets[name]?.request.table;
  if (!table) throw new Error(`no preset ${name}`);
  return { inputs: table.inputs, targets: table.targets };
}

const count = (row: number[]) => row.reduce((sum, bit) => sum + bit, 0);
const sigmoidLayer = (units: number) => ({ units, activation: "sigmoid" as const });
const sgd = (epochs: number, learningRate: number) => ({
  epochs,
  learningRate,
  seed: 0,
  loss: "sse" as const,
  optimizer: "sgd" as const,
  init: "uniform" as const,
});

const oneHot8 = Array.from({ length: 8 }, (_, row) =>
  Array.from({ length: 8 }, (_, column) => (row === column ? 1 : 0)),
);
const parity4 = allRows(4);
const bytes = allRows(8);

export const tasks: BenchTask[] = [
  {
    id: "T1",
    title: "notebook 3-1, no bias",
    repeats: 21,
    request: {
      table: tableOf("notebook"),
      network: { hidden: [], output: "sigmoid", bias: false },
      training: sgd(10_000, 1),
    },
  },
  {
    id: "T2",
    title: "xor 2-4-1",
    repeats: 21,
    request: {
      table: tableOf("xor"),
      network: { hidden: [sigmoidLayer(4)], output: "sigmoid", bias: true },
      training: sgd(10_000, 0.5),
    },
  },
  {
    id: "T3",
    title: "encoder 8-3-8",
    repeats: 21,
    request: {
      table: { inputs: oneHot8, targets: oneHot8 },
      network: { hidden: [sigmoidLayer(3)], output: "sigmoid", bias: true },
      training: sgd(5_000, 1),
    },
  },
  {
    id: "T4",
    title: "parity 4-8-1",
    repeats: 21,
    request: {
      table: { inputs: parity4, targets: parity4.map((row) => [count(row) % 2]) },
      network: { hidden: [sigmoidLayer(8)], output: "sigmoid", bias: true },
      training: sgd(10_000, 0.5),
    },
  },
  {
    id: "T5",
    title: "majority 8-32-32-1, 256 rows",
    repeats: 5,
    request: {
      table: { inputs: bytes, targets: bytes.map((row) => [count(row) >= 5 ? 1 : 0]) },
      network: { hidden: [sigmoidLayer(32), sigmoidLayer(32)], output: "sigmoid", bias: true },
      training: sgd(2_000, 0.02),
    },
  },
];

/**
 * The smallest network at the most epochs the limits allow: nearly all its time is per-epoch
 * overhead, the worst case for ns per multiply-add unless `trainingCost` prices epochs enough.
 */
export const overheadTask: BenchTask = {
  id: "T0",
  title: `1-1, one row, ${defaultLimits.maxEpochs} epochs`,
  repeats: 5,
  request: {
    table: { inputs: [[1]], targets: [[1]] },
    network: { hidden: [], output: "sigmoid", bias: true },
    training: sgd(defaultLimits.maxEpochs, 0.5),
  },
};

/**
 * The most epochs of `request` whose price is within `cost`, 0 when not even one is. The price is
 * a fixed part (the table, the parameters) and a part per epoch, so it starts from that line and
 * steps down while over.
 */
export function mostEpochsWithin(request: TrainRequest, cost: number): number {
  const priced = (epochs: number) =>
    trainingCost({ ...request, training: { ...request.training, epochs } });
  const fixed = priced(0);
  let epochs = Math.floor((cost - fixed) / (priced(1) - fixed));
  while (epochs > 0 && priced(epochs) > cost) epochs--;
  return Math.max(epochs, 0);
}

/** Units of every layer, inputs first: [3, 1] for the notebook, [8, 32, 32, 1] for T5. */
export function layerSizes(request: TrainRequest): number[] {
  const { table, network } = request;
  return [
    table.inputs[0]?.length ?? 0,
    ...network.hidden.map((layer) => layer.units),
    table.targets[0]?.length ?? 0,
  ];
}

/** The task as bench/core.c and bench/numpy_loop.py read it: whitespace-separated numbers. */
export function taskAsText(task: BenchTask): string {
  const { table, network, training } = task.request;
  const sizes = layerSizes(task.request);
  return [
    task.id,
    training.epochs,
    training.learningRate,
    training.seed ?? 0,
    network.bias === false ? 0 : 1,
    task.repeats,
    sizes.length - 1,
    ...sizes,
    table.inputs.length,
    ...table.inputs.flat(),
    ...table.targets.flat(),
  ].join(" ");
}
