// POST /api/train in the document.
import { csvQueryDefaults } from "../../shared/index.ts";
import { errors, headers, json, type Parameter, type Paths, problem, ref } from "./parts.ts";

const csvSetting = (name: string, description: string, fallback?: string): Parameter => ({
  name,
  in: "query",
  required: false,
  description: `For a CSV or tab-separated body only: ${description}`,
  schema: fallback === undefined ? { type: "string" } : { type: "string", default: fallback },
});

/** A truth table as text: the CSV form, and the tab-separated one. */
const table = (separators: string) => ({
  schema: {
    type: "string",
    description: `A header row, then one row per line, cells separated by ${separators}; the last \`outputs\` columns are targets`,
  },
});

const csvDescriptions: Record<keyof typeof csvQueryDefaults, string> = {
  outputs: "how many of the last columns are targets",
  hidden: "units per hidden layer, comma separated (empty: none)",
  activation: "the hidden layers' activation",
  output: "the output layer's activation",
  epochs: "passes over the table",
  lr: "the learning rate",
  seed: "the seed of the initial weights",
};

const csvParameters: Parameter[] = [
  ...Object.entries(csvQueryDefaults).map(([name, fallback]) =>
    csvSetting(name, csvDescriptions[name as keyof typeof csvQueryDefaults], fallback),
  ),
  csvSetting("loss", "sse, mse or bce"),
  csvSetting("optimizer", "sgd, momentum or adam"),
  csvSetting("init", "uniform, xavier or he"),
  csvSetting("batch", "rows per update (default: the whole table)"),
  csvSetting("momentum", "the momentum optimizer's factor"),
  csvSetting("name", "a name kept with the model"),
  csvSetting("persist", "false: train and answer, store nothing"),
];

export const trainPaths = {
  "/api/train": {
    post: {
      operationId: "trainModel",
      summary: "Train a network on a truth table",
      description:
        "Trains a network on the table in the body (JSON, or CSV or tab-separated values with the " +
        "settings in the query) " +
        "and answers the model with its training result. Stored under a new id unless `persist` " +
        "is false; the answer then carries a delete token, shown only this once. A run is priced " +
        "before it starts and refused over the limits in force (GET /api/health). Rate limited " +
        "per client address.",
      tags: ["Training"],
      security: [],
      parameters: csvParameters,
      requestBody: {
        required: true,
        description: "The table, the network and how to train it",
        content: {
          "application/json": { schema: ref("TrainBody") },
          "text/csv": table(
            "commas, semicolons or tabs, whichever the header row has; in a semicolon-separated " +
              "table a number may have a decimal comma (0,5)",
          ),
          "text/tab-separated-values": table("tabs"),
        },
      },
      responses: {
        201: json("Trained and stored; Location is the model's URL", "CreatedModel", {
          Location: { description: "/api/models/{id}", required: true, schema: { type: "string" } },
        }),
        200: json("Trained, not stored (persist: false)", "UnstoredModel"),
        400: errors[400],
        405: errors[405],
        413: errors[413],
        415: errors[415],
        422: problem(
          "Valid, but over a limit: names the limit, the request's figure and the allowed one, " +
            "and lists the field as an issue",
        ),
        429: problem("Too many training requests from this address", {
          "Retry-After": headers.retryAfter,
        }),
        503: errors[503],
      },
    },
  },
} satisfies Paths;
