// The network's shape and how it is trained: every field of the request besides the table.
import { type Activation, activations, inits, losses, optimizers } from "../../shared/index.ts";
import { h } from "./dom.ts";
import { checkboxField, selectField, textField } from "./fields.ts";
import type { FormState } from "./form-state.ts";

export type NetworkEvents = { changed: () => void; reshaped: () => void };

const activationNames: Record<Activation, string> = {
  sigmoid: "sigmoid",
  tanh: "tanh",
  relu: "ReLU",
  leaky_relu: "leaky ReLU",
  linear: "linear",
};

function hiddenLayers(form: FormState, events: NetworkEvents): HTMLElement {
  const rows = form.hidden.map((layer, i) =>
    h(
      "li",
      { class: "layer" },
      h("span", { class: "layer-name" }, `Hidden ${i + 1}`),
      textField({
        path: `network.hidden.${i}.units`,
        label: "Units",
        value: layer.units,
        set: (value) => {
          layer.units = value;
        },
        onchange: events.changed,
      }),
      selectField({
        path: `network.hidden.${i}.activation`,
        label: "Activation",
        value: layer.activation,
        choices: activations,
        names: activationNames,
        set: (value) => {
          layer.activation = value;
        },
        onchange: events.changed,
      }),
      h(
        "button",
        {
          type: "button",
          class: "icon",
          id: `remove-layer-${i}`,
          "aria-label": `Remove hidden layer ${i + 1}`,
          onclick: () => {
            form.hidden.splice(i, 1);
            events.reshaped();
          },
        },
        "×",
      ),
    ),
  );
  return h(
    "div",
    { class: "hidden-layers" },
    rows.length > 0
      ? h("ol", { class: "layers" }, rows)
      : h("p", { class: "hint" }, "No hidden layer: the inputs connect straight to the outputs."),
    h("p", {
      class: "error",
      id: "error-network-hidden",
      "data-error-for": "network.hidden network",
    }),
    h(
      "button",
      {
        type: "button",
        id: "add-layer",
        onclick: () => {
          const previous = form.hidden.at(-1);
          form.hidden.push({
            units: previous?.units ?? "4",
            activation: previous?.activation ?? "sigmoid",
          });
          events.reshaped();
        },
      },
      "+ Hidden layer",
    ),
  );
}

export function networkForm(form: FormState, events: NetworkEvents): HTMLElement {
  const changed = events.changed;
  const text = (
    key: "learningRate" | "epochs" | "seed" | "targetLoss" | "batchSize" | "momentum",
    label: string,
    hint?: string,
    placeholder?: string,
  ) =>
    textField({
      path: `training.${key}`,
      label,
      hint,
      placeholder,
      value: form[key],
      set: (value) => {
        form[key] = value;
      },
      onchange: changed,
    });
  return h(
    "div",
    { class: "settings" },
    h(
      "fieldset",
      {},
      h("legend", {}, "Network"),
      hiddenLayers(form, events),
      h(
        "div",
        { class: "row-of-fields" },
        selectField({
          path: "network.output",
          label: "Output activation",
          value: form.output,
          choices: activations,
          names: activationNames,
          set: (value) => {
            form.output = value;
          },
          onchange: changed,
        }),
        checkboxField({
          path: "network.bias",
          label: "Bias on every unit",
          value: form.bias,
          set: (value) => {
            form.bias = value;
          },
          onchange: changed,
        }),
      ),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, "Training"),
      h(
        "div",
        { class: "row-of-fields" },
        text("learningRate", "Learning rate"),
        text("epochs", "Epochs"),
        text("seed", "Seed", "Same seed, same weights."),
        text("targetLoss", "Target loss", "Stop early below this (optional).", "none"),
      ),
      h(
        "div",
        { class: "row-of-fields" },
        selectField({
          path: "training.loss",
          label: "Loss",
          value: form.loss,
          choices: losses,
          names: {
            sse: "sse (½ sum of squares)",
            mse: "mse (mean square)",
            bce: "bce (cross-entropy)",
          },
          set: (value) => {
            form.loss = value;
          },
          onchange: changed,
        }),
        selectField({
          path: "training.optimizer",
          label: "Optimizer",
          value: form.optimizer,
          choices: optimizers,
          set: (value) => {
            form.optimizer = value;
          },
          // Momentum's own field comes and goes with it.
          onchange: events.reshaped,
        }),
        form.optimizer === "momentum" ? text("momentum", "Momentum μ") : null,
        selectField({
          path: "training.init",
          label: "Initial weights",
          value: form.init,
          choices: inits,
          set: (value) => {
            form.init = value;
          },
          onchange: changed,
        }),
        text("batchSize", "Batch size", "Rows per step (empty: all).", "all"),
        selectField({
          path: "training.regularization.kind",
          label: "Regularization",
          value: form.regularization,
          choices: ["", "l1", "l2"] as const,
          names: { "": "none", l1: "L1", l2: "L2" },
          set: (value) => {
            form.regularization = value;
          },
          onchange: events.reshaped,
        }),
        form.regularization === ""
          ? null
          : textField({
              path: "training.regularization.rate",
              label: "Regularization rate",
              value: form.regularizationRate,
              set: (value) => {
                form.regularizationRate = value;
              },
              onchange: changed,
            }),
      ),
      h("p", { class: "error", id: "error-training", "data-error-for": "training" }),
    ),
  );
}
