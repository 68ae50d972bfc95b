// Paste a table from a spreadsheet or a file: a header row of names, then one row per line, the
// last N columns the targets. Parsed by the same shared code as the API's text/csv form.
import { parseCsvTable } from "../../shared/index.ts";
import { h, replace } from "./dom.ts";
import type { FormState } from "./form-state.ts";
import { formFromRequest } from "./form-state.ts";

function describe(error: unknown): string[] {
  if (
    typeof error === "object" &&
    error !== null &&
    "issues" in error &&
    Array.isArray(error.issues)
  ) {
    // The parser's messages name the line and column themselves.
    return error.issues.map((issue: { message?: string }) => String(issue.message));
  }
  return [error instanceof Error ? error.message : String(error)];
}

export function csvPaste(form: FormState, reshaped: () => void): HTMLElement {
  const text = h("textarea", {
    id: "csv-text",
    rows: 5,
    spellcheck: "false",
    placeholder: "a,b,out\n0,0,0\n0,1,1\n1,0,1\n1,1,0",
    "aria-describedby": "csv-hint",
  });
  const outputs = h("input", {
    type: "number",
    id: "csv-outputs",
    min: 1,
    max: 16,
    value: String(form.outputNames.length || 1),
  });
  const errors = h("div", { class: "error", id: "csv-error", role: "alert" });
  const use = () => {
    try {
      const table = parseCsvTable(text.value, Number(outputs.value));
      // Reuse formFromRequest so the new table is read exactly as a preset's would be.
      const fresh = formFromRequest({
        table,
        network: { hidden: [], output: "sigmoid" },
        training: { epochs: 1, learningRate: 1 },
      });
      form.inputNames = fresh.inputNames;
      form.outputNames = fresh.outputNames;
      form.inputs = fresh.inputs;
      form.targets = fresh.targets;
      replace(errors);
      reshaped();
    } catch (error) {
      replace(
        errors,
        describe(error).map((line) => h("p", {}, line)),
      );
    }
  };
  return h(
    "details",
    { class: "csv" },
    h("summary", {}, "Paste CSV"),
    h(
      "p",
      { class: "hint", id: "csv-hint" },
      "A header row of column names, then one row per line; the last columns are the targets. Cells may be separated by commas, semicolons or tabs, so cells copied from a spreadsheet paste as they are.",
    ),
    h("div", { class: "field" }, h("label", { for: "csv-text" }, "CSV"), text),
    h(
      "div",
      { class: "row-of-fields" },
      h(
        "div",
        { class: "field small" },
        h("label", { for: "csv-outputs" }, "Target columns"),
        outputs,
      ),
      h("button", { type: "button", id: "csv-use", onclick: use }, "Use this table"),
    ),
    errors,
  );
}
