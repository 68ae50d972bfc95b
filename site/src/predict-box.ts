// Ask the stored model about inputs of one's own: one field per input, the answer from the edge.
import type { Model } from "../../shared/index.ts";
import { api, NetworkError, ProblemError } from "./api.ts";
import { copyButton } from "./copy-button.ts";
import { predictCurl } from "./curl.ts";
import { h, replace } from "./dom.ts";
import { output } from "./format.ts";
import { unitNames } from "./network-diagram.ts";

export function predictBox(model: Model, id: string): HTMLElement {
  const names = unitNames(model);
  const inputNames = names[0] ?? [];
  const outputNames = names.at(-1) ?? [];
  const fields = inputNames.map((_, i) =>
    h("input", {
      type: "text",
      inputmode: "decimal",
      id: `predict-input-${i}`,
      value: "0",
      autocomplete: "off",
    }),
  );
  const answer = h("div", { class: "predict-answer", id: "predict-answer", role: "status" });
  const curl = h("pre", { class: "curl", id: "predict-curl" });
  const values = () =>
    fields.map((field) => Number(field.value.trim() === "" ? Number.NaN : field.value));
  const updateCurl = () => {
    curl.textContent = predictCurl(location.origin, id, values());
  };
  const ask = async () => {
    const inputs = values();
    if (inputs.some((x) => !Number.isFinite(x))) {
      replace(answer, h("p", { class: "error" }, "Every input needs a number."));
      return;
    }
    button.disabled = true;
    replace(answer, h("p", {}, "Asking the edge…"));
    try {
      const { outputs } = await api.predict(id, [inputs]);
      replace(
        answer,
        h(
          "dl",
          {},
          (outputs[0] ?? []).map((value, j) => [
            h("dt", {}, outputNames[j] ?? `y${j + 1}`),
            h(
              "dd",
              { class: "num", "data-value": String(value), title: String(value) },
              output(value),
            ),
          ]),
        ),
      );
    } catch (error) {
      const message =
        error instanceof NetworkError
          ? "The server could not be reached. Check the connection and try again."
          : error instanceof ProblemError
            ? `${error.problem.title}${error.problem.detail ? `: ${error.problem.detail}` : ""}`
            : String(error);
      replace(
        answer,
        h(
          "p",
          { class: "error" },
          message,
          " ",
          h("button", { type: "button", onclick: ask }, "Retry"),
        ),
      );
    } finally {
      button.disabled = false;
    }
  };
  const button = h("button", { type: "submit", id: "predict-button" }, "Predict");
  updateCurl();
  return h(
    "form",
    {
      class: "predict-box",
      onsubmit: (event: Event) => {
        event.preventDefault();
        void ask();
      },
      oninput: updateCurl,
    },
    h(
      "div",
      { class: "row-of-fields" },
      fields.map((field, i) =>
        h(
          "div",
          { class: "field small" },
          h("label", { for: field.id }, inputNames[i] ?? ""),
          field,
        ),
      ),
      button,
    ),
    answer,
    h(
      "details",
      {},
      h("summary", {}, "This request as curl"),
      curl,
      copyButton(
        "Copy curl",
        () => curl.textContent ?? "",
        () => curl,
      ),
    ),
  );
}
