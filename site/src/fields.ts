// A labelled control with its hint and the place its error appears, all tied together by ids so a
// screen reader announces the label, the hint and the error with the control.
import { h } from "./dom.ts";

const idFor = (path: string) => path.replaceAll(".", "-");

type Common = { path: string; label: string; hint?: string; onchange: () => void };

function wrap(
  path: string,
  label: string,
  hint: string | undefined,
  control: HTMLElement,
): HTMLElement {
  const id = idFor(path);
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    control,
    hint ? h("p", { class: "hint", id: `hint-${id}` }, hint) : null,
    h("p", { class: "error", id: `error-${id}`, "data-error-for": path }),
  );
}

export function textField(
  options: Common & {
    value: string;
    set: (value: string) => void;
    numeric?: boolean;
    placeholder?: string;
  },
): HTMLElement {
  const id = idFor(options.path);
  const input = h("input", {
    type: "text",
    id,
    value: options.value,
    inputmode: options.numeric === false ? undefined : "decimal",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: options.placeholder,
    "data-path": options.path,
    "data-label": options.label,
    "aria-describedby": options.hint ? `hint-${id}` : undefined,
    oninput: () => {
      options.set(input.value);
      options.onchange();
    },
  });
  return wrap(options.path, options.label, options.hint, input);
}

export function selectField<T extends string>(
  options: Common & {
    value: T;
    choices: readonly T[];
    names?: Partial<Record<T, string>>;
    set: (value: T) => void;
  },
): HTMLElement {
  const select = h(
    "select",
    {
      id: idFor(options.path),
      "data-path": options.path,
      "data-label": options.label,
      onchange: () => {
        options.set(select.value as T);
        options.onchange();
      },
    },
    options.choices.map((choice) =>
      h(
        "option",
        { value: choice, selected: choice === options.value },
        options.names?.[choice] ?? choice,
      ),
    ),
  );
  return wrap(options.path, options.label, options.hint, select);
}

export function checkboxField(options: Common & { value: boolean; set: (value: boolean) => void }) {
  const id = idFor(options.path);
  const input = h("input", {
    type: "checkbox",
    id,
    checked: options.value,
    "data-path": options.path,
    "data-label": options.label,
    onchange: () => {
      options.set(input.checked);
      options.onchange();
    },
  });
  return h(
    "div",
    { class: "field checkbox" },
    input,
    h("label", { for: id }, options.label),
    h("p", { class: "error", id: `error-${id}`, "data-error-for": options.path }),
  );
}
