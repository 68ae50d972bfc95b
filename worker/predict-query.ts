// GET /api/models/{id}/predict's query, `?x=1,0,0&x=0,1,1`: one row per `x`, numbers separated by
// commas, read into the PredictRequest it stands for and checked by the same shared schema.
import * as v from "valibot";
import { PredictRequestSchema } from "../shared/index.ts";

type Query = Record<string, unknown>;

/** An issue path of plain keys, as `toApiIssues` prints it ("query.colour", "x.1"). */
const pathOf = (input: Query, ...keys: string[]): [v.ObjectPathItem, ...v.ObjectPathItem[]] => [
  { type: "object", origin: "value", input, key: keys[0] ?? "", value: undefined },
  ...keys.slice(1).map(
    (key): v.ObjectPathItem => ({
      type: "object",
      origin: "value",
      input,
      key,
      value: undefined,
    }),
  ),
];

export const PredictQuerySchema = v.pipe(
  v.looseObject({ x: v.optional(v.union([v.string(), v.array(v.string())])) }),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const query = dataset.value;
    let valid = true;
    for (const key of Object.keys(query).filter((key) => key !== "x")) {
      addIssue({
        message: "unknown query parameter; give each row as x=1,0,1",
        path: pathOf(query, "query", key),
      });
      valid = false;
    }
    const rows = query.x === undefined ? [] : [query.x].flat();
    const inputs = rows.map((row, index) =>
      row.split(",").map((cell, column) => {
        const value = cell.trim() === "" ? Number.NaN : Number(cell);
        if (!Number.isFinite(value)) {
          addIssue({
            message: `value ${column + 1} is not a finite number`,
            path: pathOf(query, "x", String(index)),
          });
          valid = false;
        }
        return value;
      }),
    );
    return valid ? { inputs } : NEVER;
  }),
  PredictRequestSchema,
);
