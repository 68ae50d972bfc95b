// The truth table as a grid of small text fields: a click toggles 0 ↔ 1, Space does the same from
// the keyboard, typing replaces the cell with any number. Columns are named in the header.

import { type Child, h } from "./dom.ts";
import { defaultInputName, defaultOutputName, type FormState } from "./form-state.ts";

export type TableEvents = {
  /** A cell or a name changed: re-judge the form. */
  changed: () => void;
  /** Rows or columns came or went: draw the table again. */
  reshaped: () => void;
};

function toggled(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === "0" || trimmed === "") return "1";
  if (trimmed === "1") return "0";
  return undefined;
}

function cell(
  values: string[],
  column: number,
  path: string,
  label: string,
  side: "in" | "out",
  events: TableEvents,
): HTMLElement {
  const input = h("input", {
    type: "text",
    inputmode: "decimal",
    autocomplete: "off",
    spellcheck: "false",
    class: `cell ${side}`,
    value: values[column] ?? "",
    "aria-label": label,
    "data-label": label,
    "data-path": path,
  });
  const set = (value: string) => {
    values[column] = value;
    input.value = value;
    events.changed();
  };
  input.addEventListener("input", () => {
    values[column] = input.value;
    events.changed();
  });
  input.addEventListener("click", () => {
    const next = toggled(input.value);
    if (next !== undefined) set(next);
    input.select();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key !== " ") return;
    event.preventDefault();
    const next = toggled(input.value);
    if (next !== undefined) set(next);
    input.select();
  });
  input.addEventListener("focus", () => input.select());
  return h("td", { class: side }, input);
}

function nameField(names: string[], index: number, side: "input" | "output", events: TableEvents) {
  const path = `table.${side}Names.${index}`;
  const label = `Name of ${side} column ${index + 1}`;
  return h("input", {
    type: "text",
    class: "name",
    value: names[index] ?? "",
    maxlength: 64,
    "aria-label": label,
    "data-label": label,
    "data-path": path,
    oninput: (event: Event) => {
      names[index] = (event.target as HTMLInputElement).value;
      events.changed();
    },
  });
}

function removeButton(label: string, id: string, disabled: boolean, remove: () => void): Child {
  return h(
    "button",
    { type: "button", class: "icon", id, "aria-label": label, disabled, onclick: remove },
    "×",
  );
}

export function tableEditor(form: FormState, events: TableEvents): HTMLElement {
  const inputWidth = form.inputNames.length;
  const outputWidth = form.outputNames.length;
  const reshape = (change: () => void) => () => {
    change();
    events.reshaped();
  };
  const header = h(
    "tr",
    {},
    h("th", { scope: "col", class: "row-number" }, "#"),
    form.inputNames.map((name, i) =>
      h(
        "th",
        { scope: "col", class: "in" },
        h(
          "div",
          { class: "column-head" },
          nameField(form.inputNames, i, "input", events),
          removeButton(
            `Remove input column ${name || defaultInputName(i)}`,
            `remove-input-${i}`,
            inputWidth === 1,
            reshape(() => {
              form.inputNames.splice(i, 1);
              for (const row of form.inputs) row.splice(i, 1);
            }),
          ),
        ),
      ),
    ),
    form.outputNames.map((name, j) =>
      h(
        "th",
        { scope: "col", class: "out" },
        h(
          "div",
          { class: "column-head" },
          nameField(form.outputNames, j, "output", events),
          removeButton(
            `Remove output column ${name || defaultOutputName(j)}`,
            `remove-output-${j}`,
            outputWidth === 1,
            reshape(() => {
              form.outputNames.splice(j, 1);
              for (const row of form.targets) row.splice(j, 1);
            }),
          ),
        ),
      ),
    ),
    h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Remove row")),
  );
  const columns = inputWidth + outputWidth + 2;
  const body = form.inputs.flatMap((inputs, r) => {
    const targets = form.targets[r] ?? [];
    const rowLabel = `row ${r + 1}`;
    return [
      h(
        "tr",
        {},
        h("th", { scope: "row", class: "row-number" }, r + 1),
        inputs.map((_, i) =>
          cell(
            inputs,
            i,
            `table.inputs.${r}.${i}`,
            `${rowLabel}, ${form.inputNames[i] || defaultInputName(i)}`,
            "in",
            events,
          ),
        ),
        targets.map((_, j) =>
          cell(
            targets,
            j,
            `table.targets.${r}.${j}`,
            `${rowLabel}, target ${form.outputNames[j] || defaultOutputName(j)}`,
            "out",
            events,
          ),
        ),
        h(
          "td",
          {},
          removeButton(
            `Remove row ${r + 1}`,
            `remove-row-${r}`,
            form.inputs.length === 1,
            reshape(() => {
              form.inputs.splice(r, 1);
              form.targets.splice(r, 1);
            }),
          ),
        ),
      ),
      h(
        "tr",
        { class: "row-error" },
        h(
          "td",
          { colspan: columns },
          h("p", {
            class: "error",
            id: `error-row-${r}`,
            "data-error-for": `table.inputs.${r} table.targets.${r}`,
          }),
        ),
      ),
    ];
  });
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "truth", "aria-describedby": "table-help" },
      h("caption", { class: "visually-hidden" }, "Truth table: inputs, then targets"),
      h("thead", {}, header),
      h("tbody", {}, body),
    ),
  );
}

/** The buttons that change the table's shape. */
export function tableTools(
  form: FormState,
  events: TableEvents,
  generate: () => void,
): HTMLElement {
  const reshape = (change: () => void) => () => {
    change();
    events.reshaped();
  };
  return h(
    "div",
    { class: "toolbar" },
    h(
      "button",
      {
        type: "button",
        id: "add-row",
        onclick: reshape(() => {
          form.inputs.push(form.inputNames.map(() => "0"));
          form.targets.push(form.outputNames.map(() => "0"));
        }),
      },
      "+ Row",
    ),
    h(
      "button",
      {
        type: "button",
        id: "add-input",
        onclick: reshape(() => {
          form.inputNames.push(defaultInputName(form.inputNames.length));
          for (const row of form.inputs) row.push("0");
        }),
      },
      "+ Input column",
    ),
    h(
      "button",
      {
        type: "button",
        id: "add-output",
        onclick: reshape(() => {
          form.outputNames.push(defaultOutputName(form.outputNames.length));
          for (const row of form.targets) row.push("0");
        }),
      },
      "+ Output column",
    ),
    h(
      "button",
      { type: "button", id: "generate-rows", onclick: generate },
      "All input combinations",
    ),
  );
}
