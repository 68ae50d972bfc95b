// Small random training requests for the property tests: every option, tiny sizes, few epochs.
import fc from "fast-check";
import { activations, inits, optimizers, type TrainRequest } from "../../shared/index.ts";

const bit = fc.constantFrom(0, 1);

export const requestArbitrary: fc.Arbitrary<TrainRequest> = fc
  .record({
    rows: fc.integer({ min: 1, max: 8 }),
    inputs: fc.integer({ min: 1, max: 4 }),
    outputs: fc.integer({ min: 1, max: 3 }),
    hidden: fc.array(
      fc.record({
        units: fc.integer({ min: 1, max: 5 }),
        activation: fc.constantFrom(...activations),
      }),
      { maxLength: 2 },
    ),
    output: fc.constantFrom(...activations),
    bias: fc.boolean(),
    epochs: fc.integer({ min: 1, max: 40 }),
    learningRate: fc.double({ min: 0.01, max: 1, noNaN: true }),
    seed: fc.integer({ min: 0, max: 0xffff_ffff }),
    lossPick: fc.constantFrom("sse", "mse", "bce"),
    optimizer: fc.constantFrom(...optimizers),
    init: fc.constantFrom(...inits),
    batchFraction: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    regularization: fc.option(
      fc.record({
        kind: fc.constantFrom("l1", "l2"),
        rate: fc.double({ min: 0, max: 0.01, noNaN: true }),
      }),
      { nil: undefined },
    ),
    cells: fc.array(fc.array(bit, { minLength: 8, maxLength: 8 }), { minLength: 8, maxLength: 8 }),
  })
  .map((pick) => {
    // bce only with a sigmoid output; otherwise keep the picked loss.
    const loss = pick.lossPick === "bce" && pick.output !== "sigmoid" ? "mse" : pick.lossPick;
    const row = (r: number, width: number, offset: number) =>
      Array.from({ length: width }, (_, c) => pick.cells[r]?.[(c + offset) % 8] ?? 0);
    const batchSize =
      pick.batchFraction === undefined
        ? undefined
        : Math.max(1, Math.ceil(pick.batchFraction * pick.rows));
    return {
      table: {
        inputs: Array.from({ length: pick.rows }, (_, r) => row(r, pick.inputs, 0)),
        targets: Array.from({ length: pick.rows }, (_, r) => row(r, pick.outputs, 4)),
      },
      network: { hidden: pick.hidden, output: pick.output, bias: pick.bias },
      training: {
        epochs: pick.epochs,
        learningRate: pick.learningRate,
        seed: pick.seed,
        loss,
        optimizer: pick.optimizer,
        init: pick.init,
        ...(batchSize === undefined ? {} : { batchSize }),
        ...(pick.regularization === undefined ? {} : { regularization: pick.regularization }),
      },
    } satisfies TrainRequest;
  });

/**
 * Requests that often diverge, many of them in their last epochs: high learning rates, unbounded
 * activations (relu, leaky relu, linear), mini-batches, momentum and adam, targets far from 0.
 */
export const divergingArbitrary: fc.Arbitrary<TrainRequest> = fc
  .record({
    rows: fc.integer({ min: 1, max: 6 }),
    inputs: fc.integer({ min: 1, max: 3 }),
    outputs: fc.integer({ min: 1, max: 2 }),
    hidden: fc.array(
      fc.record({
        units: fc.integer({ min: 1, max: 4 }),
        activation: fc.constantFrom("relu", "leaky_relu", "linear" as const),
      }),
      { maxLength: 2 },
    ),
    output: fc.constantFrom("leaky_relu", "linear" as const),
    bias: fc.boolean(),
    epochs: fc.integer({ min: 2, max: 30 }),
    learningRate: fc.double({ min: 0.5, max: 50, noNaN: true }),
    seed: fc.integer({ min: 0, max: 0xffff_ffff }),
    loss: fc.constantFrom("sse", "mse" as const),
    // adam's steps are bounded by its rate: it seldom overflows, so it is drawn less.
    optimizer: fc.constantFrom("sgd", "momentum", "momentum", "adam" as const),
    init: fc.constantFrom(...inits),
    batchFraction: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    scale: fc.constantFrom(10, 1e3, 1e5),
    cells: fc.array(fc.array(bit, { minLength: 8, maxLength: 8 }), { minLength: 8, maxLength: 8 }),
  })
  .map((pick) => {
    const row = (r: number, width: number, offset: number, scale: number) =>
      Array.from({ length: width }, (_, c) => scale * (pick.cells[r]?.[(c + offset) % 8] ?? 0));
    const batchSize =
      pick.batchFraction === undefined
        ? undefined
        : Math.max(1, Math.ceil(pick.batchFraction * pick.rows));
    return {
      table: {
        inputs: Array.from({ length: pick.rows }, (_, r) => row(r, pick.inputs, 0, 1)),
        targets: Array.from({ length: pick.rows }, (_, r) => row(r, pick.outputs, 4, pick.scale)),
      },
      network: { hidden: pick.hidden, output: pick.output, bias: pick.bias },
      training: {
        epochs: pick.epochs,
        learningRate: pick.learningRate,
        seed: pick.seed,
        loss: pick.loss,
        optimizer: pick.optimizer,
        init: pick.init,
        ...(batchSize === undefined ? {} : { batchSize }),
      },
    } satisfies TrainRequest;
  });
