// CSV as spreadsheets save it: commas, or semicolons where the comma is the decimal mark, or tabs
// (and cells pasted from a spreadsheet); a separator the table cannot have is named in the error.
import { describe, expect, it } from "vitest";
import {
  csvTrainRequest,
  detectSeparator,
  parseCsvTable,
  RequestError,
  tableMediaTypes,
} from "../../shared/index.ts";

const comma = "a,b,xor\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n";
const asWritten = (separator: string) => comma.replaceAll(",", separator);

/** The issues a RequestError carries, or fails the test. */
function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof RequestError) return error.issues;
    throw error;
  }
  throw new Error("no RequestError");
}

describe("separators", () => {
  it("reads semicolons and tabs as it reads commas", () => {
    const expected = parseCsvTable(comma, 1);
    expect(parseCsvTable(asWritten(";"), 1)).toEqual(expected);
    expect(parseCsvTable(asWritten("\t"), 1)).toEqual(expected);
    expect(parseCsvTable(asWritten("\t"), 1, "\t")).toEqual(expected);
  });

  it("takes the separator from the header, as a spreadsheet saves it (BOM, CRLF, quotes)", () => {
    const saved = '\uFEFF"p";"q";"r"\r\n0;1;1\r\n1;0;0\r\n\r\n';
    expect(parseCsvTable(saved, 1)).toEqual({
      inputs: [
        [0, 1],
        [1, 0],
      ],
      targets: [[1], [0]],
      inputNames: ["p", "q"],
      outputNames: ["r"],
    });
    expect(detectSeparator("a,b;c;d")).toBe(";");
    expect(detectSeparator("a\tb\tc,d")).toBe("\t");
    expect(detectSeparator("a;b,c")).toBe(",");
    expect(detectSeparator("single")).toBe(",");
  });

  it("reads a decimal comma in a semicolon-separated table, and only there", () => {
    const table = parseCsvTable("x;y\n0,25;1\n-1,5;0\n,5;1e2\n", 1);
    expect(table.inputs).toEqual([[0.25], [-1.5], [0.5]]);
    expect(table.targets).toEqual([[1], [0], [100]]);
    // Between tabs a comma may as well group thousands (1,000): refused, not guessed.
    expect(issuesOf(() => parseCsvTable("x\ty\n0,25\t1\n", 1))).toEqual([
      { path: "csv", message: "line 2, column 1 is not a finite number" },
    ]);
  });

  it("names the separator it saw when the table cannot have it", () => {
    for (const [written, name] of [
      ["|", "vertical bars (|)"],
      [" ", "spaces"],
    ] as const) {
      const issues = issuesOf(() => parseCsvTable(asWritten(written), 1));
      expect(issues[0]).toEqual({
        path: "csv",
        message: `the header's cells look separated by ${name}: separate them with commas, semicolons or tabs`,
      });
    }
    expect(issuesOf(() => parseCsvTable("xor\n0\n1\n", 1))[0]).toEqual({
      path: "outputs",
      message:
        "outputs must be a whole number from 1 to 1 (the header has 1 column: no comma, semicolon or tab in it)",
    });
  });

  it("says which separator it split rows by when their widths disagree", () => {
    const issues = issuesOf(() => parseCsvTable("a;b;y\n0,0,0\n", 1));
    expect(issues).toContainEqual({
      path: "csv",
      message: "line 2 has 1 columns, the header has 3 (cells separated by semicolons)",
    });
  });

  it("never repeats a cell's text in a message", () => {
    const secret = "s3cr3t";
    const issues = issuesOf(() => parseCsvTable(`a;b\n${secret};1\n1;${secret}|x\n`, 1));
    expect(JSON.stringify(issues)).not.toContain(secret);
  });

  it("CSV detects its separator; tab-separated-values is tabs", () => {
    expect(tableMediaTypes).toEqual({
      "text/csv": undefined,
      "text/tab-separated-values": "\t",
    });
    const query = { hidden: "4", epochs: "100" };
    const expected = csvTrainRequest(comma, query);
    expect(csvTrainRequest(asWritten(";"), query, tableMediaTypes["text/csv"])).toEqual(expected);
    expect(
      csvTrainRequest(asWritten("\t"), query, tableMediaTypes["text/tab-separated-values"]),
    ).toEqual(expected);
    // Told it is tabs, a comma file is one column wide.
    expect(issuesOf(() => csvTrainRequest(comma, query, "\t"))[0]?.path).toBe("outputs");
  });
});
