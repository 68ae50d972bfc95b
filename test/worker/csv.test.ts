// The CSV form of POST /api/train gives the very model the JSON form gives.
import { describe, expect, it } from "vitest";
import { csvQueryDefaults } from "../../shared/index.ts";
import { preset, xor } from "../support/tables.ts";
import { type Created, call, expectProblem, postJson } from "./helpers.ts";
import { trainLimit } from "./train-limit.ts";

const xorCsv = "a,b,xor\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n";

const postCsv = (query: string, body: string) =>
  call(`/api/train${query}`, { method: "POST", headers: { "Content-Type": "text/csv" }, body });

const sameModel = (a: Created, b: Created) => {
  expect(a.result.weightsHash).toBe(b.result.weightsHash);
  expect(a.model).toEqual(b.model);
  expect(a.result).toEqual(b.result);
};

describe("POST /api/train with text/csv", () => {
  it("with the documented defaults equals the JSON request they stand for", async () => {
    expect(csvQueryDefaults).toMatchObject({
      hidden: "4",
      activation: "tanh",
      epochs: "5000",
      lr: "0.5",
      seed: "1",
    });
    const fromCsv = await postCsv("", xorCsv);
    expect(fromCsv.status).toBe(201);
    const fromJson = await postJson("/api/train", {
      table: { ...xor, inputNames: ["a", "b"], outputNames: ["xor"] },
      network: { hidden: [{ units: 4, activation: "tanh" }], output: "sigmoid" },
      training: { epochs: 5000, learningRate: 0.5, seed: 1 },
    });
    expect(fromJson.status).toBe(201);
    sameModel((await fromCsv.json()) as Created, (await fromJson.json()) as Created);
  });

  it("reads every setting from the query, and several target columns", async () => {
    const csv = "a,b,sum,carry\r\n0,0,0,0\r\n0,1,1,0\r\n1,0,1,0\r\n1,1,0,1\r\n\r\n";
    const query =
      "?outputs=2&hidden=3,2&activation=relu&output=sigmoid&epochs=300&lr=0.1&seed=7&loss=bce&optimizer=adam&init=he&batch=2&name=adder";
    const fromCsv = await postCsv(query, csv);
    expect(fromCsv.status).toBe(201);
    const fromJson = await postJson("/api/train", {
      table: {
        ...preset("half-adder").table,
        inputNames: ["a", "b"],
        outputNames: ["sum", "carry"],
      },
      network: {
        hidden: [
          { units: 3, activation: "relu" },
          { units: 2, activation: "relu" },
        ],
        output: "sigmoid",
      },
      training: {
        epochs: 300,
        learningRate: 0.1,
        seed: 7,
        loss: "bce",
        optimizer: "adam",
        init: "he",
        batchSize: 2,
      },
      name: "adder",
    });
    sameModel((await fromCsv.json()) as Created, (await fromJson.json()) as Created);
  });

  it("persist=false trains without storing", async () => {
    const response = await postCsv("?persist=false&epochs=10", xorCsv);
    expect(response.status).toBe(200);
    expect(Object.keys(await response.json()).sort()).toEqual(["model", "result"]);
  });

  it("answers 400 with field issues for bad CSV or settings, 422 over a limit", async () => {
    const cases: [string, string, string][] = [
      ["", "", "csv"],
      ["", "a,b,y\n", "csv"],
      ["", "a,b,y\n0,1\n", "csv"],
      ["", "a,b,y\n0,x,1\n", "csv"],
      ["", "a,b,y\n0,1e999,1\n", "csv"],
      ["?outputs=3", xorCsv, "outputs"],
      ["?epochs=many", xorCsv, "training.epochs"],
      ["?lr=-1", xorCsv, "training.learningRate"],
      ["?hidden=0", xorCsv, "network.hidden.0.units"],
      ["?activation=cubic", xorCsv, "network.hidden.0.activation"],
      ["?colour=red", xorCsv, "query.colour"],
    ];
    for (const [query, body, path] of cases) {
      const problem = await expectProblem(await postCsv(query, body), 400);
      expect(problem.issues?.map((issue) => issue.path)).toContain(path);
    }
    const over = await expectProblem(await postCsv("?epochs=100000&hidden=64,64", xorCsv), 422);
    expect(over.limit).toBe("maxCost");
  });
});

describe("POST /api/train with the CSV a spreadsheet saves", () => {
  const post = (type: string, body: string) =>
    call("/api/train?epochs=200", { method: "POST", headers: { "Content-Type": type }, body });

  it("semicolons, tabs and text/tab-separated-values give the comma file's model", async () => {
    const fromComma = (await (await post("text/csv", xorCsv)).json()) as Created;
    for (const [type, body] of [
      ["text/csv", xorCsv.replaceAll(",", ";")],
      ["text/csv; charset=utf-8", `\uFEFF${xorCsv.replaceAll(",", "\t").replaceAll("\n", "\r\n")}`],
      ["text/tab-separated-values", xorCsv.replaceAll(",", "\t")],
    ] as const) {
      const response = await post(type, body);
      expect(response.status, type).toBe(201);
      sameModel((await response.json()) as Created, fromComma);
    }
  });

  it("answers a separator it cannot read with a 400 that names it", async () => {
    const problem = await expectProblem(await post("text/csv", xorCsv.replaceAll(",", "|")), 400);
    expect(problem.issues).toEqual([
      {
        path: "csv",
        message:
          "the header's cells look separated by vertical bars (|): separate them with commas, semicolons or tabs",
      },
    ]);
    // A comma file sent as tab-separated values is one column wide, and the answer says why.
    const tsv = await expectProblem(await post("text/tab-separated-values", xorCsv), 400);
    expect(tsv.issues?.[0]?.message).toContain("no comma, semicolon or tab");
  });
});

it("counts CSV trainings per client address, as JSON ones", async () => {
  const from = (address: string) =>
    call("/api/train?epochs=1&persist=false", {
      method: "POST",
      headers: { "Content-Type": "text/csv", "CF-Connecting-IP": address },
      body: xorCsv,
    });
  for (let i = 0; i < trainLimit; i++) expect((await from("198.51.100.7")).status).toBe(200);
  await expectProblem(await from("198.51.100.7"), 429);
  expect((await from("198.51.100.8")).status).toBe(200);
});
