// "Use this model elsewhere": a download per export format, each with the lines that call it, and
// a pointer to Netron for the ONNX graph (a link the person follows with the file they saved;
// nothing of Netron's is loaded into this page).
import {
  exportFileName,
  exportFormats,
  exportView,
  formatFacts,
  type Model,
  usageSnippet,
} from "../../shared/index.ts";
import { copyButton } from "./copy-button.ts";
import { h } from "./dom.ts";

export const netronUrl = "https://netron.app/";

export function exportPanel(id: string, model: Model): HTMLElement {
  const view = exportView(model);
  const formats = exportFormats.map((format) => {
    const fileName = exportFileName(format, view, id);
    const snippet = h(
      "pre",
      { class: "curl snippet", id: `export-snippet-${format}` },
      usageSnippet(format, view, id).join("\n"),
    );
    return h(
      "li",
      { class: "export-format", "data-format": format },
      h(
        "a",
        {
          class: "button",
          id: `export-${format}`,
          href: `/api/models/${id}/export/${format}`,
          download: fileName,
        },
        `Download ${fileName}`,
      ),
      h("p", { class: "hint" }, `${formatFacts[format].title}: ${formatFacts[format].runsIn}.`),
      snippet,
      copyButton(
        `Copy the ${formatFacts[format].title} lines`,
        () => snippet.textContent ?? "",
        () => snippet,
      ),
    );
  });
  return h(
    "div",
    { class: "export" },
    h(
      "p",
      {},
      "Each file computes what this page and the API compute: the JavaScript module to the bit, the others within 1e-12.",
    ),
    h("ul", { class: "export-formats" }, formats),
    h(
      "p",
      {},
      "To see the ONNX graph, save the ONNX file and open it in ",
      h(
        "a",
        { href: netronUrl, id: "netron-link", target: "_blank", rel: "noopener noreferrer" },
        "Netron",
      ),
      " (it reads the file on your computer).",
    ),
  );
}
