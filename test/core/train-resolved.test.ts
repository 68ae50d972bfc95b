// trainResolved: the same run as train for a request already parsed, without the second parse;
// nestedRows: the JSON rows that train, predict and evaluate answer with.
import { describe, expect, test } from "vitest";
import {
  defaultLimits,
  LimitError,
  presets,
  resolveRequest,
  train,
  trainResolved,
} from "../../shared/index.ts";
import { nestedRows } from "../../shared/training/network.ts";

describe("trainResolved", () => {
  test.each(Object.keys(presets))("%s: the same result as train", (name) => {
    const request = presets[name]?.request;
    if (!request) throw new Error(`no preset ${name}`);
    expect(trainResolved(resolveRequest(request))).toEqual(train(request));
  });

  test("a slice of a longer run, as train makes it", () => {
    const request = presets.xor?.request;
    if (!request) throw new Error("no xor preset");
    const short = { ...request, training: { ...request.training, epochs: 100 } };
    expect(trainResolved(resolveRequest(short), defaultLimits, { runEpochs: 300 })).toEqual(
      train(short, defaultLimits, { runEpochs: 300 }),
    );
  });

  test("refuses a request over a limit before any work, as train does", () => {
    const request = presets.xor?.request;
    if (!request) throw new Error("no xor preset");
    const limits = { ...defaultLimits, maxEpochs: 10 };
    expect(() => trainResolved(resolveRequest(request), limits)).toThrow(LimitError);
    expect(() => trainResolved(resolveRequest(request), limits)).toThrow(/epochs/);
  });
});

describe("nestedRows", () => {
  test("the first rows of a flat row-major array, each a plain array", () => {
    const flat = Float64Array.from([1, 2, 3, 4, 5, 6, 7]);
    const rows = nestedRows(flat, 3, 2);
    expect(rows).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(Array.isArray(rows[0])).toBe(true);
    expect(nestedRows(flat, 0, 2)).toEqual([]);
    expect(nestedRows(flat, 2, 0)).toEqual([[], []]);
  });
});
