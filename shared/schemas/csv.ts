// A truth table as CSV, and a training request from CSV plus query-string settings: the form curl
// users send (`curl --data-binary @xor.csv -H 'Content-Type: text/csv' …/api/train?hidden=4`) and
// the site's paste box reads (a spreadsheet's cells paste as tab-separated text). Problems are
// reported as field issues; values are never echoed.
import type { TrainRequest, TruthTable } from "./request.ts";
import { type FieldIssue, RequestError } from "./resolve.ts";

/** The separators a table's cells may have: what spreadsheets save as CSV, in every locale. */
export type Separator = "," | ";" | "\t";
const separatorNames: Record<Separator, string> = {
  ",": "commas",
  ";": "semicolons",
  "\t": "tabs",
};
/** Separators people use that a table may not: named in the error, so the fix is plain. */
const unsupportedSeparators: [RegExp, string][] = [
  [/\|/, "vertical bars (|)"],
  [/\S\s+\S/, "spaces"],
];

/**
 * The media types a table may be sent as, and the separator each means: CSV says commas but is
 * saved with semicolons where the comma is the decimal mark, so its separator is read from its
 * header; `text/tab-separated-values` is tabs.
 */
export const tableMediaTypes: Readonly<Record<string, Separator | undefined>> = {
  "text/csv": undefined,
  "text/tab-separated-values": "\t",
};

/** The separator a header row uses: the one of `,` `;` tab it holds most often (commas on a tie). */
export function detectSeparator(header: string): Separator {
  let best: Separator = ",";
  let most = 0;
  for (const separator of [",", ";", "\t"] as const) {
    const count = header.split(separator).length - 1;
    if (count > most) [best, most] = [separator, count];
  }
  return best;
}

/** A decimal comma (`0,5`), as semicolon-separated files from comma-decimal locales write them. */
const decimalComma = /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/;

/**
 * A header row of column names, then one row of numbers per line; the last `outputs` columns are
 * the targets. Blank lines are skipped. Cells are separated by `separator`, or, when none is
 * given, by the commas, semicolons or tabs of the header row; in a semicolon-separated table a
 * number may have a decimal comma. Throws RequestError.
 */
export function parseCsvTable(text: string, outputs: number, separator?: Separator): TruthTable {
  const raw = text.split(/\r?\n/).map((line, index) => ({ number: index + 1, line }));
  const used = separator ?? detectSeparator(raw.find(({ line }) => line.trim() !== "")?.line ?? "");
  const lines = raw
    .map(({ number, line }) => ({ number, cells: line.split(used).map((cell) => cell.trim()) }))
    .filter((line) => line.cells.some((cell) => cell !== ""));
  const [header, ...rows] = lines;
  if (header === undefined) throw new RequestError([{ path: "csv", message: "the CSV is empty" }]);
  const width = header.cells.length;
  const issues: FieldIssue[] = [];
  const unsupported =
    width === 1 && unsupportedSeparators.find(([seen]) => seen.test(header.cells[0] ?? ""));
  if (unsupported) {
    // Every row would fail for the same reason: the one issue that says how to fix it.
    throw new RequestError([
      {
        path: "csv",
        message: `the header's cells look separated by ${unsupported[1]}: separate them with commas, semicolons or tabs`,
      },
    ]);
  }
  if (!Number.isInteger(outputs) || outputs < 1 || outputs >= width) {
    issues.push({
      path: "outputs",
      message: `outputs must be a whole number from 1 to ${Math.max(1, width - 1)} (${
        width === 1
          ? "the header has 1 column: no comma, semicolon or tab in it"
          : `the header has ${width} columns separated by ${separatorNames[used]}`
      })`,
    });
  }
  if (rows.length === 0) issues.push({ path: "csv", message: "the CSV has a header but no rows" });
  const numbers = rows.map((row) => {
    if (row.cells.length !== width) {
      issues.push({
        path: "csv",
        message: `line ${row.number} has ${row.cells.length} columns, the header has ${width} (cells separated by ${separatorNames[used]})`,
      });
    }
    return row.cells.map((cell, column) => {
      const written = used === ";" && decimalComma.test(cell) ? cell.replace(",", ".") : cell;
      const value = written === "" ? Number.NaN : Number(written);
      if (!Number.isFinite(value)) {
        issues.push({
          path: "csv",
          message: `line ${row.number}, column ${column + 1} is not a finite number`,
        });
      }
      return value;
    });
  });
  if (issues.length > 0) throw new RequestError(issues);
  const split = width - outputs;
  const names = header.cells.map((name) => name.replace(/^"(.*)"$/, "$1").slice(0, 64));
  return {
    inputs: numbers.map((row) => row.slice(0, split)),
    targets: numbers.map((row) => row.slice(split)),
    inputNames: names.slice(0, split),
    outputNames: names.slice(split),
  };
}

/** The query parameters of the CSV form, with the value each takes when left out. */
export const csvQueryDefaults = {
  outputs: "1",
  hidden: "4",
  activation: "tanh",
  output: "sigmoid",
  epochs: "5000",
  lr: "0.5",
  seed: "1",
} as const;
const optionalKeys = ["loss", "optimizer", "init", "batch", "momentum", "name"] as const;
const knownKeys = new Set<string>([...Object.keys(csvQueryDefaults), ...optionalKeys]);

/** A number when the text is one, else the text itself, so the schema names the bad field. */
const numberOr = (text: string): number | string => {
  const value = text.trim() === "" ? Number.NaN : Number(text);
  return Number.isNaN(value) ? text : value;
};

/**
 * A training request from a CSV table and query settings (`hidden=4,4` is two layers of 4 units,
 * `hidden=` none). The result still goes through TrainRequestSchema; this only reshapes.
 */
export function csvTrainRequest(
  text: string,
  query: Readonly<Record<string, string>>,
  separator?: Separator,
): TrainRequest {
  const unknown = Object.keys(query).filter((key) => !knownKeys.has(key));
  if (unknown.length > 0) {
    throw new RequestError(
      unknown.map((key) => ({
        path: `query.${key.slice(0, 40)}`,
        message: `unknown query parameter; known: ${[...knownKeys].join(", ")}`,
      })),
    );
  }
  const get = (key: keyof typeof csvQueryDefaults) => query[key] ?? csvQueryDefaults[key];
  const table = parseCsvTable(text, Number(get("outputs")), separator);
  const activation = get("activation");
  const hidden = get("hidden")
    .split(",")
    .filter((units) => units.trim() !== "")
    .map((units) => ({ units: numberOr(units), activation }));
  const training: Record<string, unknown> = {
    epochs: numberOr(get("epochs")),
    learningRate: numberOr(get("lr")),
    seed: numberOr(get("seed")),
  };
  if (query.loss !== undefined) training.loss = query.loss;
  if (query.optimizer !== undefined) training.optimizer = query.optimizer;
  if (query.init !== undefined) training.init = query.init;
  if (query.batch !== undefined) training.batchSize = numberOr(query.batch);
  if (query.momentum !== undefined) training.momentum = numberOr(query.momentum);
  const request: Record<string, unknown> = {
    table,
    network: { hidden, output: get("output") },
    training,
  };
  if (query.name !== undefined) request.name = query.name;
  // Deliberately loose: the schema, not this reshaping, decides what is valid.
  return request as TrainRequest;
}
