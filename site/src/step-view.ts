// One backprop step on one row, with the person's own numbers: the notebook's lesson
// (forward, error, delta = error × f′(output), gradient, new weights), each line with its formula.
// Every number comes from the core's traceStep, so the page cannot teach a different sum.
import { type Activation, type Model, traceStep } from "../../shared/index.ts";
import { type Child, h, replace } from "./dom.ts";
import { short } from "./format.ts";

const subscript = (n: number) => String(n).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[Number(d)] ?? d);

/** f′ written in terms of the unit's output a = f(z), as backprop uses it. */
const derivative: Record<Activation, string> = {
  sigmoid: "a(1 − a)",
  tanh: "1 − a²",
  relu: "1 if z > 0, else 0",
  leaky_relu: "1 if z > 0, else 0.01",
  linear: "1",
};

// For one row with k outputs. With bce the core's error is already ∂L/∂z: the sigmoid's slope cancels.
const lossFormula: Record<string, string> = {
  sse: "L = ½ Σ (y − t)²,  e = ∂L/∂y = y − t",
  mse: "L = (1/k) Σ (y − t)²,  e = ∂L/∂y = 2(y − t) / k",
  bce: "L = −(1/k) Σ [t ln y + (1 − t) ln(1 − y)],  e = ∂L/∂z = (y − t) / k",
};

type Matrix = ArrayLike<number>[];

function vector(values: ArrayLike<number>, role?: string): HTMLElement {
  return h(
    "span",
    { class: "vector" },
    "[",
    Array.from(values, (value, i) => [
      i > 0 ? ", " : "",
      h("span", { class: "num", "data-value": String(value), "data-role": role }, short(value)),
    ]),
    "]",
  );
}

function matrix(values: Matrix, label: string, role?: string): HTMLElement {
  return h(
    "table",
    { class: "matrix" },
    h("caption", { class: "visually-hidden" }, label),
    h(
      "tbody",
      {},
      values.map((row) =>
        h(
          "tr",
          {},
          Array.from(row, (value) =>
            h("td", { class: "num", "data-value": String(value), "data-role": role }, short(value)),
          ),
        ),
      ),
    ),
  );
}

function line(formula: string, ...value: Child[]): HTMLElement {
  return h(
    "div",
    { class: "step-line" },
    h("code", { class: "formula" }, formula),
    h("div", { class: "step-value" }, value),
  );
}

function render(container: HTMLElement, model: Model, row: number): void {
  const table = model.request.table;
  const trace = traceStep(model, table, row);
  const layers = trace.layers;
  const last = layers.length;
  const eta = short(trace.learningRate);
  const forward = layers.map((layer, index) => {
    const l = index + 1;
    const a = `a${subscript(l - 1)}`;
    return h(
      "li",
      {},
      h("h5", {}, `Layer ${l} (${layer.activation})`),
      line(`${a}`, vector(layer.input)),
      line(
        `z${subscript(l)} = ${a} · W${subscript(l)}${layer.biasBefore ? ` + b${subscript(l)}` : ""}`,
        vector(layer.z),
      ),
      line(`a${subscript(l)} = ${layer.activation}(z${subscript(l)})`, vector(layer.output)),
    );
  });
  const backward = layers
    .map((layer, index) => {
      const l = index + 1;
      const deltaFormula =
        l === last && trace.lossName === "bce"
          ? `δ${subscript(l)} = e  (bce through a sigmoid: the slope cancels)`
          : l === last
            ? `δ${subscript(l)} = e ⊙ f′(a${subscript(l)}),  f′ = ${derivative[layer.activation]}`
            : `δ${subscript(l)} = (δ${subscript(l + 1)} · W${subscript(l + 1)}ᵀ) ⊙ f′(a${subscript(l)}),  f′ = ${derivative[layer.activation]}`;
      return h(
        "li",
        { "data-layer": l },
        h("h5", {}, `Layer ${l}`),
        line(deltaFormula, vector(layer.delta)),
        line(
          `∂L/∂W${subscript(l)} = a${subscript(l - 1)}ᵀ · δ${subscript(l)}`,
          matrix(layer.weightGradient, `gradient of W${l}`),
        ),
        line(
          `W${subscript(l)}′ = W${subscript(l)} − η · ∂L/∂W${subscript(l)}   (η = ${eta})`,
          h(
            "div",
            { class: "before-after" },
            matrix(layer.weightsBefore, `W${l} before`),
            h("span", { "aria-hidden": "true" }, "→"),
            matrix(layer.weightsAfter, `W${l} after`, "weight-after"),
          ),
        ),
        layer.biasBefore && layer.biasAfter && layer.biasGradient
          ? line(
              `b${subscript(l)}′ = b${subscript(l)} − η · δ${subscript(l)}`,
              vector(layer.biasBefore),
              h("span", { "aria-hidden": "true" }, " → "),
              vector(layer.biasAfter, "bias-after"),
            )
          : null,
      );
    })
    .reverse();
  replace(
    container,
    h("h4", {}, "1. Forward"),
    h("ol", { class: "step-layers" }, forward),
    h("h4", {}, "2. Error"),
    line("t (target)", vector(trace.target)),
    line("y (output)", vector(trace.output)),
    line(lossFormula[trace.lossName] ?? "e = ∂L/∂y", vector(trace.error)),
    line("L", h("span", { class: "num", "data-value": String(trace.loss) }, short(trace.loss))),
    h("h4", {}, "3. Backward, from the output"),
    h("ol", { class: "step-layers" }, backward),
  );
}

export type StepView = { element: HTMLElement; show(model: Model): void };

export function stepView(model: Model): StepView {
  const table = model.request.table;
  let shown = model;
  // One sideways scroller for the whole step (wide matrices on a phone), one tab stop for it.
  const body = h("div", {
    class: "step-body",
    id: "step-body",
    tabindex: 0,
    role: "region",
    "aria-label": "The step's numbers",
  });
  const picker = h(
    "select",
    {
      id: "step-row",
      onchange: () => render(body, shown, Number(picker.value)),
    },
    table.inputs.map((inputs, r) =>
      h(
        "option",
        { value: r },
        `row ${r + 1}: ${inputs.map(short).join(", ")} → ${(table.targets[r] ?? []).map(short).join(", ")}`,
      ),
    ),
  );
  // The last row (all ones in a truth table) moves every weight; the first often moves none.
  const initial = table.inputs.length - 1;
  picker.value = String(initial);
  const element = h(
    "div",
    { class: "step", id: "step" },
    h(
      "p",
      { class: "hint" },
      "One training step on one row, starting from the weights of the epoch shown: the same sums the core runs each epoch.",
    ),
    h("div", { class: "field" }, h("label", { for: "step-row" }, "Row"), picker),
    body,
  );
  // Every epoch shown changes the step, a large table of numbers: while the card is out of
  // sight it is brought up to date only when it comes near the viewport again.
  let stale = false;
  let visible = false;
  const watcher =
    typeof IntersectionObserver === "undefined"
      ? undefined
      : new IntersectionObserver(
          (entries) => {
            visible = entries.some((entry) => entry.isIntersecting);
            if (visible && stale) show(shown);
          },
          { rootMargin: "200px" },
        );
  watcher?.observe(element);
  function show(next: Model): void {
    shown = next;
    stale = watcher !== undefined && !visible;
    if (!stale) render(body, shown, Number(picker.value));
  }
  render(body, shown, Number(picker.value));
  return { element, show };
}
