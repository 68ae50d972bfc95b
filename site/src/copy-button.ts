// A button that copies text and says so; where the clipboard is refused (an insecure origin, a
// denied permission) it selects the text shown beside it so Ctrl+C still works.
import { h } from "./dom.ts";

export function copyButton(label: string, text: () => string, shown?: () => HTMLElement | null) {
  const status = h("span", { class: "copy-status", role: "status" });
  const button = h(
    "button",
    {
      type: "button",
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(text());
          status.textContent = "Copied.";
        } catch {
          const element = shown?.();
          if (element) getSelection()?.selectAllChildren(element);
          status.textContent = "Copying was refused: the text is selected, press Ctrl+C.";
        }
      },
    },
    label,
  );
  return h("span", { class: "copy" }, button, status);
}
